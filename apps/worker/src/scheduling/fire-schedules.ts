import { Prisma, type PrismaClient } from "@tenantpilot/db";
import { can, isRole, tenantVisibleTo } from "@tenantpilot/auth";
import { resolveSelection, startMany } from "@tenantpilot/dispatch-gate";
import { BulkOperation, operationCatalog, TenantSelection, type BulkRollup } from "@tenantpilot/dispatch-gate/contract";

/** Schedules one tick fires at most; the rest wait for the next minute. */
const SCHEDULES_PER_TICK = 100;

interface DueRow {
  id: string;
  name: string;
  workspace_id: string;
  operation: string;
  report_kind: string | null;
  selection: unknown;
  next_fire_at: Date;
  created_by_user_id: string | null;
  creator_role: string | null;
}

export type Firing =
  | { scheduleId: string; name: string; batchId: string; created: boolean; rollup: BulkRollup }
  /** The schedule's owner no longer holds the operation's capability in the workspace: nothing started. */
  | { scheduleId: string; name: string; skipped: "owner_not_allowed" };

/**
 * Fires every due, unpaused schedule as one batch on the same path as an operator's bulk start
 * (startMany, initiator system). Exactly once per due time, however many workers tick at once: the
 * batch's idempotency key is the schedule and its due time, so a second firing of the same due time
 * answers the first batch; then the due time moves on (a conditional update, also idempotent). A
 * worker that died between the two leaves the schedule due, and the next tick answers the same batch
 * and moves it on. Missed due times are not replayed: the next one is computed from now.
 */
export async function fireDueSchedules(prisma: PrismaClient): Promise<Firing[]> {
  const due = await prisma.$queryRaw<DueRow[]>`
    SELECT s.id, s.name, s.workspace_id, s.operation, s.report_kind, s.selection, s.next_fire_at, s.created_by_user_id,
           m.role AS creator_role
      FROM schedules s
      LEFT JOIN memberships m ON m.workspace_id = s.workspace_id AND m.user_id = s.created_by_user_id
     WHERE NOT s.paused AND s.next_fire_at <= now()
     ORDER BY s.next_fire_at, s.id
     LIMIT ${SCHEDULES_PER_TICK}`;
  const firings: Firing[] = [];
  for (const schedule of due) {
    firings.push(await fire(prisma, schedule));
    await prisma.$executeRaw`
      UPDATE schedules s
         SET next_fire_at = schedule_next_fire_at(s.cadence, s.weekday, s.local_time, w.time_zone, greatest(now(), s.next_fire_at))
        FROM workspaces w
       WHERE s.id = ${schedule.id}::uuid AND w.id = s.workspace_id AND s.next_fire_at = ${schedule.next_fire_at}`;
  }
  return firings;
}

async function fire(prisma: PrismaClient, schedule: DueRow): Promise<Firing> {
  const what = BulkOperation.parse({ operation: schedule.operation, ...(schedule.report_kind ? { reportKind: schedule.report_kind } : {}) });
  const selection = TenantSelection.parse(schedule.selection);
  // A schedule someone saved reaches what they may operate; the workspace's default schedule, every tenant of it.
  let visible = Prisma.sql`true`;
  if (schedule.created_by_user_id !== null) {
    const role = schedule.creator_role;
    if (role === null || !isRole(role) || !can(role, operationCatalog[what.operation].requiredCapability)) {
      return { scheduleId: schedule.id, name: schedule.name, skipped: "owner_not_allowed" };
    }
    visible = tenantVisibleTo(schedule.created_by_user_id);
  }
  const tenants = await resolveSelection(prisma, { visible, workspaceId: schedule.workspace_id }, selection);
  const result = await startMany(prisma, {
    workspaceId: schedule.workspace_id,
    ...what,
    tenants,
    initiator: { kind: "system" },
    idempotencyKey: `schedule:${schedule.id}:${schedule.next_fire_at.toISOString()}`,
    selection,
    scheduleId: schedule.id,
  });
  return { scheduleId: schedule.id, name: schedule.name, batchId: result.batch.id, created: result.batch.created, rollup: result.rollup };
}

/** The one log line a firing leaves. */
export function describeFiring(firing: Firing): string {
  if ("skipped" in firing) return `schedule "${firing.name}" (${firing.scheduleId}): not fired, its owner may no longer start it`;
  const { byOutcome, blockedByReason, total } = firing.rollup;
  const reasons = Object.entries(blockedByReason).map(([reason, count]) => `${reason} ×${count}`);
  return (
    `schedule "${firing.name}": batch ${firing.batchId}${firing.created ? "" : " (already fired)"} over ${total} tenants → ` +
    `${byOutcome.accepted} accepted, ${byOutcome.deduped} deduped, ${byOutcome.scope_busy} busy, ${byOutcome.blocked} blocked` +
    (reasons.length > 0 ? ` (${reasons.join(", ")})` : "")
  );
}
