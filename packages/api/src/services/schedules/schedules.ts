import { Prisma, type Db } from "@tenantpilot/db";
import { tenantVisibleTo } from "@tenantpilot/auth";
import { batchCounts, recordAudit } from "@tenantpilot/dispatch-gate";
import { batchStatusOf, routes, TenantSelection, type BulkOperation, type Cadence, type PersonActor, type ScheduleTiming } from "@tenantpilot/dispatch-gate/contract";
import type { z } from "zod";
import { notFound } from "../../errors";
import { selectForBulk } from "../batches/bulk-selection";

/** What a schedule starts, on which tenants, and when (the contract's ScheduleTiming). */
export type ScheduleSpec = BulkOperation & z.infer<typeof ScheduleTiming> & { selection: TenantSelection };

interface ScheduleRow {
  id: string;
  name: string;
  operation: string;
  report_kind: string | null;
  selection: unknown;
  cadence: Cadence;
  weekday: number | null;
  local_time: string;
  paused: boolean;
  next_fire_at: Date;
  is_default: boolean;
  created_by_user_id: string | null;
  time_zone: string;
  last_batch_id: string | null;
  last_batch_at: Date | null;
}

/** The workspace's schedules: when each fires next (in the workspace's time zone), and its last batch. */
export async function listSchedules(db: Db, workspaceId: string, viewerUserId: string) {
  const rows = await db.$queryRaw<ScheduleRow[]>`
    SELECT s.id, s.name, s.operation, s.report_kind, s.selection, s.cadence, s.weekday, to_char(s.local_time, 'HH24:MI') AS local_time,
           s.paused, s.next_fire_at, s.is_default, s.created_by_user_id, w.time_zone, lb.id AS last_batch_id, lb.created_at AS last_batch_at
      FROM schedules s
      JOIN workspaces w ON w.id = s.workspace_id
      LEFT JOIN LATERAL (SELECT b.id, b.created_at FROM batches b WHERE b.schedule_id = s.id ORDER BY b.created_at DESC LIMIT 1) lb ON true
     WHERE s.workspace_id = ${workspaceId}::uuid
     ORDER BY s.is_default DESC, s.created_at, s.id`;
  const counts = await batchCounts(db, rows.flatMap((row) => (row.last_batch_id ? [row.last_batch_id] : [])), tenantVisibleTo(viewerUserId));
  return rows.map((row) => {
    const lastCounts = row.last_batch_id ? counts.get(row.last_batch_id) : undefined;
    return {
      id: row.id,
      name: row.name,
      operation: row.operation,
      reportKind: row.report_kind,
      selection: TenantSelection.parse(row.selection),
      cadence: row.cadence,
      weekday: row.weekday,
      time: row.local_time,
      timeZone: row.time_zone,
      paused: row.paused,
      isDefault: row.is_default,
      /** null while paused: a paused schedule does not fire. */
      nextRunAt: row.paused ? null : row.next_fire_at,
      lastBatch:
        row.last_batch_id && row.last_batch_at && lastCounts
          ? { id: row.last_batch_id, href: routes.batch(row.last_batch_id), createdAt: row.last_batch_at, status: batchStatusOf(lastCounts), counts: lastCounts }
          : null,
    };
  });
}

/** The next firing after now, from the one SQL definition (schedule_next_fire_at). */
const nextFire = (spec: { cadence: Cadence; weekday?: number | null | undefined; time: string }, workspaceId: string) => Prisma.sql`
  schedule_next_fire_at(${spec.cadence}, ${spec.weekday ?? null}::smallint, ${spec.time}::time,
                        (SELECT time_zone FROM workspaces WHERE id = ${workspaceId}::uuid), now())`;

/** A new schedule; its selection must already resolve for the creator (who must hold the operation's capability). */
export async function createSchedule(db: Db, actor: PersonActor, workspace: { id: string; slug: string }, spec: ScheduleSpec) {
  await selectForBulk(db, actor.userId, { ...spec, workspace: workspace.id });
  const [row] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO schedules (workspace_id, name, operation, report_kind, selection, cadence, weekday, local_time, next_fire_at, created_by_user_id)
    VALUES (${workspace.id}::uuid, ${spec.name}, ${spec.operation}, ${spec.reportKind ?? null}, ${JSON.stringify(spec.selection)}::jsonb,
            ${spec.cadence}, ${spec.weekday ?? null}::smallint, ${spec.time}::time, ${nextFire(spec, workspace.id)}, ${actor.userId}::uuid)
    RETURNING id`;
  if (!row) throw new Error("schedule insert returned nothing");
  await recordAudit(db, { workspaceId: workspace.id, tenantId: null, actor, action: "schedule.created", targetId: row.id, details: { ...spec } });
  return row;
}

/** Replaces what a schedule does and when; it then resolves with the editor's access. */
export async function updateSchedule(db: Db, actor: PersonActor, scheduleId: string, workspaceId: string, spec: ScheduleSpec) {
  await selectForBulk(db, actor.userId, { ...spec, workspace: workspaceId });
  const changed = await db.$executeRaw`
    UPDATE schedules SET name = ${spec.name}, operation = ${spec.operation}, report_kind = ${spec.reportKind ?? null},
           selection = ${JSON.stringify(spec.selection)}::jsonb, cadence = ${spec.cadence}, weekday = ${spec.weekday ?? null}::smallint,
           local_time = ${spec.time}::time, next_fire_at = ${nextFire(spec, workspaceId)}, created_by_user_id = ${actor.userId}::uuid,
           updated_at = now()
     WHERE id = ${scheduleId}::uuid`;
  if (changed === 0) throw notFound("schedule");
  await recordAudit(db, { workspaceId, tenantId: null, actor, action: "schedule.updated", targetId: scheduleId, details: { ...spec } });
  return { id: scheduleId };
}

/** Pause, or resume from now on (a resumed schedule does not catch up on the firings it missed). */
export async function setSchedulePaused(db: Db, actor: PersonActor, scheduleId: string, workspaceId: string, paused: boolean) {
  const changed = await db.$executeRaw`
    UPDATE schedules s SET paused = ${paused}, updated_at = now(),
           next_fire_at = CASE WHEN ${paused} THEN s.next_fire_at
                               ELSE schedule_next_fire_at(s.cadence, s.weekday, s.local_time, w.time_zone, now()) END
      FROM workspaces w
     WHERE s.id = ${scheduleId}::uuid AND w.id = s.workspace_id AND s.paused <> ${paused}`;
  if (changed > 0) {
    await recordAudit(db, { workspaceId, tenantId: null, actor, action: paused ? "schedule.paused" : "schedule.resumed", targetId: scheduleId });
  }
  return { id: scheduleId, paused };
}

export async function deleteSchedule(db: Db, actor: PersonActor, scheduleId: string, workspaceId: string) {
  await db.schedule.delete({ where: { id: scheduleId } });
  await recordAudit(db, { workspaceId, tenantId: null, actor, action: "schedule.deleted", targetId: scheduleId });
  return { id: scheduleId };
}
