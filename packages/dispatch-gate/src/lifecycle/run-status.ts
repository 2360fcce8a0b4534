import type { Db } from "@tenantpilot/db";
import { runStatuses, type RunStatus } from "../contract";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isRunId(value: string): boolean {
  return UUID.test(value);
}

/** The run's status as stored now (after a refused transition: what the winner left), or null. */
export async function currentStatus(db: Db, runId: string): Promise<RunStatus | null> {
  if (!isRunId(runId)) return null;
  const rows = await db.$queryRaw<{ status: string }[]>`SELECT status FROM operation_runs WHERE id = ${runId}::uuid`;
  const status = rows[0]?.status;
  if (status === undefined) return null;
  if (!(runStatuses as readonly string[]).includes(status)) throw new Error(`run ${runId} has an unknown status "${status}"`);
  return status as RunStatus;
}
