import { Prisma, type Db } from "@tenantpilot/db";
import { emptyCounts, isReasonCode, runStatuses, startOutcomes, type BatchCounts, type RunProgress, type RunStatus, type StartOutcome } from "../contract";
import { runStatusOf } from "../run-ref";

interface CountRow {
  outcome: StartOutcome;
  reason_code: string | null;
  run_status: RunStatus | null;
  n: number;
}

function noCounts(): BatchCounts {
  return { total: 0, byOutcome: emptyCounts(startOutcomes), byRunStatus: emptyCounts(runStatuses), blockedByReason: {} };
}

function addCountRow(batch: BatchCounts, row: CountRow): void {
  batch.total += row.n;
  batch.byOutcome[row.outcome] += row.n;
  if (row.run_status !== null) batch.byRunStatus[row.run_status] += row.n;
  if (row.reason_code !== null && isReasonCode(row.reason_code)) {
    batch.blockedByReason[row.reason_code] = (batch.blockedByReason[row.reason_code] ?? 0) + row.n;
  }
}

/**
 * A batch's rows the viewer may see, each with the live status of its run (accepted and deduped rows
 * only: a scope_busy row's holder is not the row's run). One definition for the counts and the snapshot.
 */
const visibleRows = (batchIds: Prisma.Sql, visible: Prisma.Sql) => Prisma.sql`
      FROM batch_entries i
      JOIN tenants t ON t.id = i.tenant_id
      LEFT JOIN operation_runs r ON r.id = i.run_id AND i.outcome IN ('accepted', 'deduped')
     WHERE i.batch_id = ${batchIds} AND ${visible}`;

/**
 * The counts of batches, derived from their rows and the live status of their runs in one
 * statement (batches store no counts and no status: ADR 017). `visible` (a predicate over `tenants t`)
 * leaves out the rows of tenants a viewer may not see: they are neither counted nor hinted at.
 */
export async function batchCounts(db: Db, batchIds: readonly string[], visible: Prisma.Sql = Prisma.sql`true`): Promise<Map<string, BatchCounts>> {
  const counts = new Map<string, BatchCounts>(batchIds.map((id) => [id, noCounts()]));
  if (batchIds.length === 0) return counts;
  const rows = await db.$queryRaw<(CountRow & { batch_id: string })[]>`
    SELECT i.batch_id, i.outcome, i.reason_code, r.status AS run_status, count(*)::int AS n
      ${visibleRows(Prisma.sql`ANY(${[...batchIds]}::uuid[])`, visible)}
     GROUP BY i.batch_id, i.outcome, i.reason_code, r.status`;
  for (const row of rows) {
    const batch = counts.get(row.batch_id);
    if (batch) addCountRow(batch, row);
  }
  return counts;
}

export interface BatchSnapshotRead {
  counts: BatchCounts;
  /** The named runs among the batch's visible rows, as they are in the same snapshot as the counts. */
  runs: RunProgress[];
}

/**
 * One batch's counts and some of its rows' runs in ONE statement, hence one snapshot: a page that
 * shows both (the rollup and the rows of the table) can never show a run as running while the
 * rollup already counts it as finished (ADR 034).
 */
export async function batchSnapshot(db: Db, batchId: string, runIds: readonly string[], visible: Prisma.Sql): Promise<BatchSnapshotRead> {
  const rows = await db.$queryRaw<(CountRow & { run_id: string | null; seen: number; changed: number; failed: number })[]>`
    WITH shown AS (
      SELECT i.outcome, i.reason_code, r.id AS run_id, r.status AS run_status,
             r.items_seen AS seen, r.items_changed AS changed, r.items_failed AS failed
        ${visibleRows(Prisma.sql`${batchId}::uuid`, visible)})
    SELECT outcome, reason_code, run_status, count(*)::int AS n, NULL::uuid AS run_id, 0 AS seen, 0 AS changed, 0 AS failed
      FROM shown GROUP BY outcome, reason_code, run_status
    UNION ALL
    SELECT outcome, reason_code, run_status, 0, run_id, seen, changed, failed
      FROM shown WHERE run_id = ANY(${[...runIds]}::uuid[])`;
  const counts = noCounts();
  const runs: RunProgress[] = [];
  for (const row of rows) {
    if (row.run_id === null) addCountRow(counts, row);
    else runs.push({ runId: row.run_id, status: runStatusOf({ id: row.run_id, status: row.run_status ?? "" }), counts: { seen: row.seen, changed: row.changed, failed: row.failed } });
  }
  return { counts, runs };
}

/**
 * What a watcher of a batch must listen for: the runs of its visible accepted and deduped rows that
 * are still active (an ended run announces nothing more), with their tenants; and every run its
 * visible rows name, so that a watcher can only ask about its own batch's runs.
 */
export async function batchWatchSet(db: Db, batchId: string, visible: Prisma.Sql) {
  const rows = await db.$queryRaw<{ run_id: string; tenant_id: string; active: boolean }[]>`
    SELECT r.id AS run_id, i.tenant_id, r.status IN ('queued', 'running') AS active
      ${visibleRows(Prisma.sql`${batchId}::uuid`, visible)} AND r.id IS NOT NULL`;
  const active = rows.filter((row) => row.active);
  return {
    activeRunIds: new Set(active.map((row) => row.run_id)),
    tenantIds: new Set(active.map((row) => row.tenant_id)),
    runIds: new Set(rows.map((row) => row.run_id)),
  };
}
