import { Prisma, type Db } from "@tenantpilot/db";
import { batchStatusOf, batchTitle, describe, describeBatchCounts, isOperationId } from "../contract";
import { batchCounts } from "../bulk/batch-counts";

/**
 * The one notification of a finished batch (to the user who started it; schedules notify nobody,
 * as system runs do not). Called where a run ends — for the batches whose rows point at that run,
 * its own and any that answered "already running" with it — and once after a batch is admitted
 * (a batch of blocked tenants is finished at once). The batch rows are locked first, so that of two
 * runs ending at the same time the second to commit sees the first's status and exactly one of
 * them writes; notifications_one_per_finished_batch backs "at most one".
 */
export async function notifyFinishedBatches(tx: Db, of: { runId: string } | { batchId: string }): Promise<number> {
  const which =
    "runId" in of
      ? Prisma.sql`b.id IN (SELECT i.batch_id FROM batch_entries i WHERE i.run_id = ${of.runId}::uuid AND i.outcome IN ('accepted', 'deduped'))`
      : Prisma.sql`b.id = ${of.batchId}::uuid`;
  const batches = await tx.$queryRaw<{ id: string; workspace_id: string; operation: string; initiator_user_id: string }[]>`
    SELECT b.id, b.workspace_id, b.operation, b.initiator_user_id
      FROM batches b
     WHERE ${which} AND b.initiator_user_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.batch_id = b.id AND n.kind = 'batch.finished')
     ORDER BY b.id
       FOR UPDATE OF b`;
  if (batches.length === 0) return 0;
  // Most runs that end are not their batch's last: an index probe per batch says so, and only a
  // batch with nothing left to wait for is counted (once, for its notification's rollup).
  const waiting = await batchesWithActiveRuns(tx, batches.map((batch) => batch.id));
  const ended = batches.filter((batch) => !waiting.has(batch.id));
  if (ended.length === 0) return 0;
  const counts = await batchCounts(tx, ended.map((batch) => batch.id));
  const finished = ended.flatMap((batch) => {
    const batchCount = counts.get(batch.id);
    if (!batchCount || batchStatusOf(batchCount) !== "finished" || !isOperationId(batch.operation)) return [];
    return [{ ...batch, title: `${batchTitle(batch.operation, batchCount.total)}: ${describe({ batchStatus: "finished" })}`, body: describeBatchCounts(batchCount) }];
  });
  if (finished.length === 0) return 0;
  return tx.$executeRaw`
    INSERT INTO notifications (user_id, workspace_id, batch_id, kind, title, body)
    SELECT f.user_id, f.workspace_id, f.batch_id, 'batch.finished', f.title, f.body
      FROM unnest(${finished.map((f) => f.initiator_user_id)}::uuid[], ${finished.map((f) => f.workspace_id)}::uuid[],
                  ${finished.map((f) => f.id)}::uuid[], ${finished.map((f) => f.title)}::text[], ${finished.map((f) => f.body)}::text[])
           AS f(user_id, workspace_id, batch_id, title, body)
    ON CONFLICT (batch_id) WHERE kind = 'batch.finished' DO NOTHING`;
}

/**
 * The batches that still have a queued or running run among their rows: their own runs
 * (operation_runs_active_by_batch) or the runs their deduped rows wait for. The rollup's own
 * definition (batchStatusOf over batchCounts) stays the authority; this only spares the count.
 */
async function batchesWithActiveRuns(tx: Db, batchIds: readonly string[]): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ batch_id: string }[]>`
    SELECT b.id AS batch_id
      FROM unnest(${[...batchIds]}::uuid[]) AS b(id)
     WHERE EXISTS (SELECT 1 FROM operation_runs r
                    WHERE r.batch_id = b.id AND r.batch_id IS NOT NULL AND r.status IN ('queued', 'running'))
        OR EXISTS (SELECT 1 FROM batch_items i JOIN operation_runs r ON r.id = i.run_id
                    WHERE i.batch_id = b.id AND i.outcome IN ('accepted', 'deduped') AND r.status IN ('queued', 'running'))`;
  return new Set(rows.map((row) => row.batch_id));
}
