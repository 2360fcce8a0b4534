import type { PrismaClient } from "@tenantpilot/db";
import { isActiveRunConflict } from "./active-run-conflict";
import type { ConnectionRef, OperationDefinition } from "./contract";
import type { StartInput } from "./preflight-context";
import { jobKeyFor } from "./scope";
import type { OperationTarget } from "./target";

export interface AdmissionPlan {
  tenantId: string;
  operation: OperationDefinition;
  target: OperationTarget;
  scopeKey: string;
  initiator: StartInput["initiator"];
  connection: ConnectionRef;
}

export type Admission =
  | { admitted: true; runId: string; jobId: string }
  /** Another admission holds the scope (the partial unique index said so): read the holder. */
  | { admitted: false };

/** add_job answered without a job: the run was rolled back with it. */
export class AdmissionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AdmissionError";
  }
}

/** SQLSTATE raised by admit_operation_run when add_job returns no job. */
const NO_JOB = "TPA01";

/**
 * Inserts the queued run and adds its graphile-worker job in ONE transaction: the SQL function
 * admit_operation_run (migration 20261126173627) does both in a single autocommit statement, so
 * either both rows commit or neither does, for one round trip. The partial unique index
 * operation_runs_one_active_per_scope is what admits at most one active run per scope: a
 * concurrent admission waits on the index until the holder commits, then fails with a unique
 * violation, reported as { admitted: false }.
 *
 * Takes a PrismaClient, not a Tx: a lost race aborts the surrounding transaction, so admission
 * must own its transaction.
 */
export async function admitRun(db: PrismaClient, plan: AdmissionPlan): Promise<Admission> {
  const snapshot = JSON.stringify(plan.connection);
  const initiatorUserId = plan.initiator.kind === "user" ? plan.initiator.userId : null;
  try {
    const rows = await db.$queryRaw<{ run_id: string; job_id: bigint }[]>`
      SELECT run_id, job_id FROM admit_operation_run(
        ${plan.tenantId}::uuid, ${plan.operation.id}, ${plan.target.kind}, ${plan.target.id}, ${plan.scopeKey},
        ${plan.initiator.kind}, ${initiatorUserId}::uuid, ${plan.connection.id}::uuid, ${snapshot}::jsonb,
        ${plan.operation.retry.maxAttempts}::int, ${plan.operation.taskIdentifier},
        ${jobKeyFor(plan.tenantId, plan.scopeKey)}
      )`;
    const row = rows[0];
    if (!row) throw new AdmissionError(`admit_operation_run returned no row for ${plan.operation.id}`);
    return { admitted: true, runId: row.run_id, jobId: String(row.job_id) };
  } catch (error) {
    if (isActiveRunConflict(error)) return { admitted: false };
    if (sqlState(error) === NO_JOB) {
      throw new AdmissionError(`graphile_worker.add_job returned no job for ${plan.operation.taskIdentifier}`, { cause: error });
    }
    throw error;
  }
}

function sqlState(error: unknown): unknown {
  const known = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  return known?.meta?.driverAdapterError?.cause?.originalCode ?? known?.code;
}
