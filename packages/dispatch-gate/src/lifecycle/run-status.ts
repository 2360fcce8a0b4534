import type { Db } from "@tenantpilot/db";
import { isUuid, type RunStatus } from "../contract";
import { runStatusOf } from "../run-ref";

/** The run's status as stored now (after a refused transition: what the winner left), or null. */
export async function currentStatus(db: Db, runId: string): Promise<RunStatus | null> {
  if (!isUuid(runId)) return null;
  const rows = await db.$queryRaw<{ status: string }[]>`SELECT status FROM operation_runs WHERE id = ${runId}::uuid`;
  const row = rows[0];
  return row === undefined ? null : runStatusOf({ id: runId, status: row.status });
}
