import type { Db } from "@tenantpilot/db";
import type { PersonActor } from "@tenantpilot/dispatch-gate/contract";
import { rejectInput } from "../../errors";
import { recordAudit } from "@tenantpilot/dispatch-gate";

/** Changes the workspace's time zone (every schedule's next firing follows it) and batch run cap. */
export async function updateWorkspaceSettings(db: Db, actor: PersonActor, workspaceId: string, settings: { timeZone?: string | undefined; batchRunCap?: number | undefined }) {
  if (settings.timeZone !== undefined) {
    const known = await db.$queryRaw<{ name: string }[]>`SELECT name FROM pg_timezone_names WHERE name = ${settings.timeZone}`;
    if (known.length === 0) throw rejectInput("timeZone", "is not an IANA time zone (e.g. Europe/Berlin)");
  }
  const workspace = await db.workspace.update({
    where: { id: workspaceId },
    data: { ...(settings.timeZone ? { timeZone: settings.timeZone } : {}), ...(settings.batchRunCap ? { batchRunCap: settings.batchRunCap } : {}) },
    select: { id: true, timeZone: true, batchRunCap: true },
  });
  if (settings.timeZone !== undefined) {
    await db.$executeRaw`
      UPDATE schedules SET next_fire_at = schedule_next_fire_at(cadence, weekday, local_time, ${workspace.timeZone}, now())
       WHERE workspace_id = ${workspaceId}::uuid`;
  }
  await recordAudit(db, { workspaceId, tenantId: null, actor, action: "workspace.settings_changed", targetId: workspaceId, details: { ...settings } });
  return workspace;
}

/** The workspace's time zone and batch run cap, as the settings page shows them. */
export function readWorkspaceSettings(db: Db, workspaceId: string) {
  return db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, slug: true, name: true, timeZone: true, batchRunCap: true } });
}
