import { Prisma, type Db } from "@tenantpilot/db";
import { emptyCounts, isReasonCode, runStatuses, startOutcomes, type BatchCounts, type RunStatus, type StartOutcome } from "../contract";

/**
 * The counts of batches, derived from their rows and the live status of their runs in one
 * statement (batches store no counts and no status: ADR 017). `visible` (a predicate over `tenants t`)
 * leaves out the rows of tenants a viewer may not see: they are neither counted nor hinted at.
 */
export async function batchCounts(db: Db, batchIds: readonly string[], visible: Prisma.Sql = Prisma.sql`true`): Promise<Map<string, BatchCounts>> {
  const counts = new Map<string, BatchCounts>(
    batchIds.map((id) => [id, { total: 0, byOutcome: emptyCounts(startOutcomes), byRunStatus: emptyCounts(runStatuses), blockedByReason: {} }]),
  );
  if (batchIds.length === 0) return counts;
  const rows = await db.$queryRaw<{ batch_id: string; outcome: StartOutcome; reason_code: string | null; run_status: RunStatus | null; n: number }[]>`
    SELECT i.batch_id, i.outcome, i.reason_code, r.status AS run_status, count(*)::int AS n
      FROM batch_items i
      JOIN tenants t ON t.id = i.tenant_id
      LEFT JOIN operation_runs r ON r.id = i.run_id AND i.outcome IN ('accepted', 'deduped')
     WHERE i.batch_id = ANY(${[...batchIds]}::uuid[]) AND ${visible}
     GROUP BY i.batch_id, i.outcome, i.reason_code, r.status`;
  for (const row of rows) {
    const batch = counts.get(row.batch_id);
    if (!batch) continue;
    batch.total += row.n;
    batch.byOutcome[row.outcome] += row.n;
    if (row.run_status !== null) batch.byRunStatus[row.run_status] += row.n;
    if (row.reason_code !== null && isReasonCode(row.reason_code)) {
      batch.blockedByReason[row.reason_code] = (batch.blockedByReason[row.reason_code] ?? 0) + row.n;
    }
  }
  return counts;
}
