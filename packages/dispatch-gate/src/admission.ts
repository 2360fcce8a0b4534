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

/** add_job answered without a job: the run must not exist either (rolled back). */
export class AdmissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdmissionError";
  }
}

// The storm (hundreds of starts against a small pool) may wait for a connection well beyond
// Prisma's 2 s default; the transaction itself is one statement and short.
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 } as const;

/**
 * Inserts the queued run and adds its graphile-worker job in ONE transaction. The partial unique
 * index operation_runs_one_active_per_scope is what admits at most one active run per scope: a
 * concurrent admission blocks on the index until the holder commits, then fails with a unique
 * violation, reported as { admitted: false }. Both writes are one statement (a data-modifying CTE)
 * so the transaction costs a single round trip between BEGIN and COMMIT.
 */
export async function admitRun(db: PrismaClient, plan: AdmissionPlan): Promise<Admission> {
  const snapshot = JSON.stringify(plan.connection);
  const initiatorUserId = plan.initiator.kind === "user" ? plan.initiator.userId : null;
  try {
    return await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ run_id: string; job_id: bigint | null }[]>`
        WITH run AS (
          INSERT INTO operation_runs (
            tenant_id, operation, target_kind, target_id, scope_key, status,
            initiator_kind, initiator_user_id, provider_connection_id, connection_snapshot, max_attempts
          ) VALUES (
            ${plan.tenantId}::uuid, ${plan.operation.id}, ${plan.target.kind}, ${plan.target.id}, ${plan.scopeKey}, 'queued',
            ${plan.initiator.kind}, ${initiatorUserId}::uuid, ${plan.connection.id}::uuid, ${snapshot}::jsonb,
            ${plan.operation.retry.maxAttempts}::int
          )
          RETURNING id
        )
        SELECT run.id AS run_id, job.id AS job_id
          FROM run
          LEFT JOIN LATERAL graphile_worker.add_job(
            ${plan.operation.taskIdentifier},
            json_build_object('runId', run.id),
            job_key => ${jobKeyFor(plan.tenantId, plan.scopeKey)},
            max_attempts => ${plan.operation.retry.maxAttempts}::int
          ) job ON true`;
      const row = rows[0];
      if (!row || row.job_id === null) {
        // Throwing rolls the run back: an accepted start always has its job.
        throw new AdmissionError(`graphile_worker.add_job returned no job for ${plan.operation.taskIdentifier}`);
      }
      return { admitted: true as const, runId: row.run_id, jobId: String(row.job_id) };
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (isActiveRunConflict(error)) return { admitted: false };
    throw error;
  }
}
