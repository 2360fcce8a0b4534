import type { Db } from "@tenantpilot/db";
import { AdmissionError } from "../admission";
import { runInitiatorOf, type ConnectionRef, type OperationDefinition } from "../contract";
import type { StartInput } from "../preflight-context";
import { jobKeyFor } from "../scope";
import type { OperationTarget } from "../target";

/**
 * graphile-worker runs jobs by ascending priority: an operator's single start (admit_operation_run_group,
 * priority 0) is taken before any job of a batch or a schedule, however many of them wait (ADR 018).
 */
export const BATCH_JOB_PRIORITY = 10;

export interface BulkAdmissionPlan {
  batchId: string;
  workspaceId: string;
  operation: OperationDefinition;
  initiator: StartInput["initiator"];
  runs: readonly { tenantId: string; target: OperationTarget; scopeKey: string; connection: ConnectionRef }[];
}

/**
 * Admits the planned runs and their jobs in ONE statement (admit_operation_runs, migrations
 * 20261201401000 and 20261202400000); each run carries the batch's id and is its tenant's accepted
 * row of the batch (batch_entries, ADR 036). Returns the run id per tenant that got one; a tenant
 * missing from the answer lost its scope to another admission (the partial unique index judged), and
 * the caller reads the holder exactly as a single start does after a lost race.
 */
export async function admitRuns(db: Db, plan: BulkAdmissionPlan): Promise<Map<string, string>> {
  if (plan.runs.length === 0) return new Map();
  // A token's runs belong to its user, as in a single admission.
  const initiator = runInitiatorOf(plan.initiator);
  const initiatorUserId = initiator.kind === "user" ? initiator.userId : null;
  try {
    // In and out as one JSON document each (see loadPreflightContexts for why).
    const [answer] = await db.$queryRaw<{ admitted: string | null }[]>`
      SELECT json_agg(json_build_array(tenant_id, run_id))::text AS admitted FROM admit_operation_runs(
        ${plan.batchId}::uuid, ${plan.workspaceId}::uuid, ${plan.operation.id}, ${plan.operation.taskIdentifier},
        ${plan.operation.maxAttempts}::int, ${BATCH_JOB_PRIORITY}::int, ${initiator.kind}, ${initiatorUserId}::uuid,
        ${JSON.stringify(
          plan.runs.map((run) => ({
            tenant_id: run.tenantId,
            target_kind: run.target.kind,
            target_id: run.target.id,
            scope_key: run.scopeKey,
            connection_id: run.connection.id,
            snapshot: run.connection,
            job_key: jobKeyFor(run.tenantId, run.scopeKey),
          })),
        )}::jsonb
      )`;
    return new Map(answer?.admitted ? (JSON.parse(answer.admitted) as [string, string][]) : []);
  } catch (error) {
    if (sqlState(error) === "TPA01") {
      throw new AdmissionError(`graphile_worker.add_jobs returned fewer jobs than runs for ${plan.operation.taskIdentifier}`, { cause: error });
    }
    throw error;
  }
}

function sqlState(error: unknown): unknown {
  const known = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  return known?.meta?.driverAdapterError?.cause?.originalCode ?? known?.code;
}
