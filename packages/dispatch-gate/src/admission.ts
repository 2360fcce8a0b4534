import { isDatabaseUnavailable, Prisma, queryRows, StatementGroups, statementGroupsPerClient, type PrismaClient } from "@tenantpilot/db";
import { runInitiatorOf, type ConnectionRef, type OperationDefinition, type RestoreSelection } from "./contract";
import { acceptedStartAuditFields, acceptedStartAuditInsert } from "./audit";
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

/** SQLSTATE raised by admit_operation_run_group when add_jobs answers fewer jobs than runs. */
const NO_JOB = "TPA01";

/**
 * Inserts the queued run and adds its graphile-worker job in ONE transaction: the SQL function
 * admit_operation_run_group (migration 20261202900000) does both, so either both rows commit or
 * neither does. The partial unique index operation_runs_one_active_per_scope is what admits
 * at most one active run per scope: a concurrent admission waits on the index until the holder
 * commits, then inserts nothing, and the same call reads the run it lost to — so a lost race is
 * answered in that round trip too, even when the holder has finished meanwhile. The same statement
 * writes the accepted start's audit row (operation.accepted), so an admitted run is never missing
 * from the activity log.
 *
 * Admissions of one client that arrive together are decided together, in one autocommit statement
 * (StatementGroups in @tenantpilot/db, ADR 042): each plan still gets its own answer — admitted, or the holder it
 * lost to — and a group that fails is retried plan by plan.
 */
export function admitRun(db: PrismaClient, plan: AdmissionPlan): Promise<Admission> {
  return admissionGroupsOf(db).submit(plan);
}

/**
 * Groups decided at once per client: two, so that one group is being executed while the other
 * commits (the commit of a notifying transaction is serialised anyway). Measured with
 * `npm run bench:http` (docs/benchmarks.md).
 */
const GROUPS_IN_FLIGHT = 2;
/** Bounds one statement's input document (a plan is ≈ 600 bytes). */
const MAX_GROUP = 64;
const admissionGroupsOf = statementGroupsPerClient(
  (db: PrismaClient) =>
    new StatementGroups<AdmissionPlan, Admission>((plans) => admitGroup(db, plans), {
      inFlight: GROUPS_IN_FLIGHT,
      maxGroup: MAX_GROUP,
      // A scope's second start waits for the first's decision, which is then its holder (if admitted).
      keyOf: (plan) => jobKeyFor(plan.tenantId, plan.scopeKey),
      failsEveryPlan: isDatabaseUnavailable,
    }),
);

/** One statement for a group of plans; the answers in the plans' order. */
async function admitGroup(db: PrismaClient, plans: readonly AdmissionPlan[]): Promise<Admission[]> {
  // The function takes the scopes in (tenant, scope) order; `i` maps its answers back to the plans.
  const document = JSON.stringify(plans.map((plan, i) => admissionInput(i, plan)));
  let rows: (AdmissionRow & { i: number })[];
  try {
    rows = await queryRows<AdmissionRow & { i: number }>(db, Prisma.sql`
      WITH plans AS (SELECT ${document}::jsonb AS document),
      admitted AS (
        SELECT g.*, p.tenant_id, p.operation, p.actor_kind, p.actor_user_id, p.audit_details
          FROM plans
         CROSS JOIN LATERAL admit_operation_run_group(plans.document) AS g
          JOIN LATERAL jsonb_to_recordset(plans.document)
               AS p(i int, tenant_id uuid, operation text, actor_kind text, actor_user_id uuid, audit_details jsonb) ON p.i = g.i
      ), audited AS (${acceptedStartAuditInsert})
      SELECT i, run_id, job_id, holder_id, holder_operation, holder_status, holder_target_kind, holder_target_id FROM admitted`);
  } catch (error) {
    if (sqlState(error) === NO_JOB) throw new AdmissionError(`graphile_worker.add_jobs returned no job for ${plans.map((plan) => plan.operation.taskIdentifier).join(", ")}`, { cause: error });
    throw error;
  }
  const byPlan = new Map(rows.map((row) => [row.i, row]));
  return plans.map((plan, i) => admissionOf(plan, byPlan.get(i)));
}

function admissionInput(i: number, plan: AdmissionPlan) {
  // A token's runs belong to its user; the audit log is where the token is named.
  const initiator = runInitiatorOf(plan.initiator);
  return {
    i,
    tenant_id: plan.tenantId,
    operation: plan.operation.id,
    target_kind: plan.target.kind,
    target_id: plan.target.id,
    scope_key: plan.scopeKey,
    initiator_kind: initiator.kind,
    initiator_user_id: initiator.kind === "user" ? initiator.userId : null,
    connection_id: plan.connection.id,
    snapshot: plan.connection,
    max_attempts: plan.operation.maxAttempts,
    task_identifier: plan.operation.taskIdentifier,
    job_key: jobKeyFor(plan.tenantId, plan.scopeKey),
    selection: plan.selection ?? null,
    ...acceptedStartAuditFields({
      operation: plan.operation.id,
      actor: plan.initiator,
      target: plan.target,
      connection: plan.connection,
      selection: plan.selection,
    }),
  };
}

function admissionOf(plan: AdmissionPlan, row: AdmissionRow | undefined): Admission {
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
  throw new AdmissionError(`admit_operation_run_group answered neither a run nor a holder for ${plan.operation.id}`);
}

function sqlState(error: unknown): unknown {
  const known = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  return known?.meta?.driverAdapterError?.cause?.originalCode ?? known?.code;
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
