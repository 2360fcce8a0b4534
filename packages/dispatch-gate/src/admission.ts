import { Prisma, queryRows, type PrismaClient } from "@tenantpilot/db";
import { runInitiatorOf, type ConnectionRef, type OperationDefinition, type RestoreSelection } from "./contract";
import { acceptedStartAuditCte } from "./audit";
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
  /** What of the target the run acts on (checked by the gate); null or absent: all of it. */
  selection?: RestoreSelection | null;
}

/** The run an admission lost to, as the admission statement read it. */
export interface ScopeHolder {
  id: string;
  operation: string;
  /** Usually queued or running; terminal when the holder finished while this admission waited for it. */
  status: string;
  targetKind: string;
  targetId: string;
}

export type Admission =
  | { admitted: true; runId: string; jobId: string }
  /** Another admission holds (or held while we waited) the scope: the partial unique index said so. */
  | { admitted: false; holder: ScopeHolder };

/** add_job answered without a job (the run was rolled back with it), or the function answered nothing. */
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
 * admit_operation_run (migrations 20261201300000, 20261201702000) does both in a single autocommit
 * statement, so either both rows commit or neither does, for one round trip. The partial unique
 * index operation_runs_one_active_per_scope is what admits at most one active run per scope: a
 * concurrent admission waits on the index until the holder commits, then inserts nothing, and the
 * same call reads the run it lost to — so a lost race is answered in that round trip too, even
 * when the holder has finished meanwhile. The same statement writes the accepted start's audit row
 * (operation.accepted), so an admitted run is never missing from the activity log.
 */
export async function admitRun(db: PrismaClient, plan: AdmissionPlan): Promise<Admission> {
  const snapshot = JSON.stringify(plan.connection);
  // A token's runs belong to its user; the audit log is where the token is named.
  const initiator = runInitiatorOf(plan.initiator);
  const initiatorUserId = initiator.kind === "user" ? initiator.userId : null;
  const selection = plan.selection ? JSON.stringify(plan.selection) : null;
  const audited = acceptedStartAuditCte({
    tenantId: plan.tenantId,
    operation: plan.operation.id,
    actor: plan.initiator,
    target: plan.target,
    connection: plan.connection,
    selection: plan.selection,
  });
  let rows: AdmissionRow[];
  try {
    rows = await queryRows<AdmissionRow>(db, Prisma.sql`
      WITH admitted AS (
        SELECT * FROM admit_operation_run(
          ${plan.tenantId}::uuid, ${plan.operation.id}, ${plan.target.kind}, ${plan.target.id}, ${plan.scopeKey},
          ${initiator.kind}, ${initiatorUserId}::uuid, ${plan.connection.id}::uuid, ${snapshot}::jsonb,
          ${plan.operation.maxAttempts}::int, ${plan.operation.taskIdentifier},
          ${jobKeyFor(plan.tenantId, plan.scopeKey)}, ${selection}::jsonb
        )
      ), audited AS (${audited})
      SELECT run_id, job_id, holder_id, holder_operation, holder_status, holder_target_kind, holder_target_id FROM admitted`);
  } catch (error) {
    if (sqlState(error) === NO_JOB) {
      throw new AdmissionError(`graphile_worker.add_job returned no job for ${plan.operation.taskIdentifier}`, { cause: error });
    }
    throw error;
  }
  const row = rows[0];
  if (row?.run_id && row.job_id !== null) return { admitted: true, runId: row.run_id, jobId: String(row.job_id) };
  if (row?.holder_id && row.holder_operation && row.holder_status && row.holder_target_kind && row.holder_target_id !== null) {
    return {
      admitted: false,
      holder: {
        id: row.holder_id,
        operation: row.holder_operation,
        status: row.holder_status,
        targetKind: row.holder_target_kind,
        targetId: row.holder_target_id,
      },
    };
  }
  // Only possible if the holder's rows were deleted (its tenant removed) between the two reads.
  throw new AdmissionError(`admit_operation_run answered neither a run nor a holder for ${plan.operation.id}`);
}

interface AdmissionRow {
  run_id: string | null;
  /** A bigint: a string from node-postgres, a BigInt from $queryRaw (queryRows). */
  job_id: bigint | string | null;
  holder_id: string | null;
  holder_operation: string | null;
  holder_status: string | null;
  holder_target_kind: string | null;
  holder_target_id: string | null;
}

function sqlState(error: unknown): unknown {
  const known = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  return known?.meta?.driverAdapterError?.cause?.originalCode ?? known?.code;
}
