import { Prisma, queryRows, type Db } from "@tenantpilot/db";
import { isReportKind, operationCatalog, type Actor, type OperationDefinition, type OperationId, type RestoreSelection, isUuid } from "./contract";
import { connectionFactsOf, type ConnectionFacts, type ConnectionFactsRow } from "./connection-facts";
import { scopeFor, type Scope } from "./scope";
import { resolveTarget, type OperationTarget } from "./target";

export interface ActiveRunFacts {
  id: string;
  operation: string;
  status: string;
  targetKind: string;
  targetId: string;
}

export interface TargetFacts extends OperationTarget {
  /** Exists in this tenant (tenant: is the tenant; report kind: in the catalogue). */
  found: boolean;
  /** backup_set: status complete or partial. Other kinds are ready when found. */
  ready: boolean;
  backupSetStatus: string | null;
  /** backup_set: the policy families it holds (what a restore writes); null for other kinds. */
  policyFamilies: readonly string[] | null;
}

/** Everything the gate decides on, loaded in one round trip. */
export interface PreflightContext {
  now: Date;
  operation: OperationDefinition;
  tenant: { id: string; workspaceId: string; slug: string; status: string };
  /** The connection the run would bind to: the tenant's primary, or the target for connection.check. */
  connection: ConnectionFacts | null;
  /** undefined: the operation needs an explicit target and none was given. */
  target: TargetFacts | undefined;
  scope: Scope | undefined;
  /** The run currently holding the scope, if any (the fast path). */
  activeRun: ActiveRunFacts | null;
  /** The start is onboarding's first sync (see OperationDefinition.duringOnboarding). */
  finishesOnboarding: boolean;
}

export interface StartInput {
  tenantId: string;
  operation: OperationId;
  target?: OperationTarget;
  /** Who starts: the run belongs to the user (also through a token), the audit log names the token. */
  initiator: Actor;
  /**
   * The tenant's short name, typed by the operator to confirm an operation that writes to the
   * customer's tenant (OperationDefinition.confirmTenant); ignored by the others.
   */
  confirmTenant?: string;
  /** Onboarding's first sync: allowed on a tenant still onboarding (the wizard activates it once accepted). */
  finishesOnboarding?: boolean;
  /**
   * The part of the target to act on (OperationDefinition.selects): a restore's backup items.
   * Checked against the target by the gate (SelectionRejected) and kept with the run.
   */
  selection?: RestoreSelection;
}

export class TenantNotFoundError extends Error {
  constructor(readonly tenantId: string) {
    super(`tenant ${tenantId} does not exist (authorization must resolve the tenant before the gate)`);
    this.name = "TenantNotFoundError";
  }
}

/** One row of operation_start_context (and of the set-based read, loadPreflightContexts). */
export interface ContextRow extends ConnectionFactsRow {
  db_now: Date;
  tenant_id: string;
  workspace_id: string;
  slug: string;
  tenant_status: string;
  b_status: string | null;
  b_policy_families: string[] | null;
  r_id: string | null;
  r_operation: string | null;
  r_status: string | null;
  r_target_kind: string | null;
  r_target_id: string | null;
}


/** What a start reads, derived from its input before any I/O: the single and the set-based reads share it. */
export interface ContextQuery {
  operation: OperationDefinition;
  target: OperationTarget | undefined;
  scope: Scope | undefined;
  bindsTarget: boolean;
  connectionTargetId: string | null;
  backupSetId: string | null;
}

export function contextQueryOf(input: StartInput): ContextQuery {
  if (!isUuid(input.tenantId)) throw new TenantNotFoundError(input.tenantId);
  const operation = operationCatalog[input.operation];
  const target = resolveTarget(input.tenantId, input.operation, input.target);
  const scope = target ? scopeFor(input.operation, target) : undefined;
  const bindsTarget = operation.connectionBinding === "target";
  return {
    operation,
    target,
    scope,
    bindsTarget,
    connectionTargetId: bindsTarget && target?.kind === "provider_connection" ? target.id : null,
    backupSetId: target?.kind === "backup_set" ? target.id : null,
  };
}

/**
 * `operation_start_context(...)` (migrations 20261126174008, 20261201200000) for a tenant id that
 * the statement supplies: the gate's own read, or a larger statement that reads the caller's
 * session and access with it (the start read-ahead, ADR 023).
 */
export function startContextCall(tenantId: Prisma.Sql, query: ContextQuery): Prisma.Sql {
  const args = contextArgumentsOf(query);
  return contextCall(tenantId, [Prisma.sql`${args.scope_key}`, Prisma.sql`${args.binds_target}`, Prisma.sql`${args.connection_target_id}`, Prisma.sql`${args.backup_set_id}`]);
}

/** operation_start_context's arguments besides the tenant, by column name: a group of reads sends them as rows (ADR 043). */
export interface ContextArguments {
  scope_key: string | null;
  binds_target: boolean;
  connection_target_id: string | null;
  backup_set_id: string | null;
}

export function contextArgumentsOf(query: ContextQuery): ContextArguments {
  return {
    scope_key: query.scope?.key ?? null,
    binds_target: query.bindsTarget,
    connection_target_id: query.connectionTargetId,
    backup_set_id: query.backupSetId,
  };
}

/** The column definitions of ContextArguments, for a record set that carries them (`jsonb_to_recordset(…) AS r(…)`). */
export const contextArgumentColumns = Prisma.raw("scope_key text, binds_target boolean, connection_target_id text, backup_set_id text");

/** The call with its arguments read from the ContextArguments columns of the row `row` of the statement. */
export function startContextCallFrom(tenantId: Prisma.Sql, row: string): Prisma.Sql {
  const column = (name: keyof ContextArguments) => Prisma.raw(`${row}.${name}`);
  return contextCall(tenantId, [column("scope_key"), column("binds_target"), column("connection_target_id"), column("backup_set_id")]);
}

function contextCall(tenantId: Prisma.Sql, [scopeKey, bindsTarget, connectionTargetId, backupSetId]: Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`operation_start_context(${tenantId}, ${scopeKey}, ${bindsTarget}, ${connectionTargetId}, ${backupSetId})`;
}

/** The start context as another statement of this request already read it, and what it was read for. */
export interface StartContextRead {
  query: ContextQuery;
  row: ContextRow;
}

/**
 * Loads tenant, bound connection, target and the scope's active run in a single read: the fast
 * path and preflight share it, so a start costs one read plus (when admitted) one write.
 * Ids are compared as text so that a malformed target id is "not found", not a cast error.
 * `read`: that read, made already in this request; used only when it was made for exactly this
 * tenant, scope and target, and read again otherwise.
 */
export async function loadPreflightContext(db: Db, input: StartInput, read?: StartContextRead): Promise<PreflightContext> {
  const query = contextQueryOf(input);
  // One read, with a plan cached per connection; it includes the bound connection's last word from Microsoft.
  const row =
    read && read.row.tenant_id === input.tenantId && readsTheSame(read.query, query)
      ? read.row
      : (await queryRows<ContextRow>(db, Prisma.sql`SELECT * FROM ${startContextCall(Prisma.sql`${input.tenantId}::uuid`, query)}`))[0];
  if (!row) throw new TenantNotFoundError(input.tenantId);
  return contextFromRow(input, query, row);
}

/** Whether operation_start_context was called with the same arguments (besides the tenant). */
function readsTheSame(a: ContextQuery, b: ContextQuery): boolean {
  return (
    a.scope?.key === b.scope?.key &&
    a.bindsTarget === b.bindsTarget &&
    a.connectionTargetId === b.connectionTargetId &&
    a.backupSetId === b.backupSetId
  );
}

/** The gate's context from a loaded row: pure, shared by loadPreflightContext and loadPreflightContexts. */
export function contextFromRow(input: StartInput, query: ContextQuery, row: ContextRow): PreflightContext {
  const connection = connectionFactsOf(row);
  const { operation, target, scope } = query;

  return {
    now: row.db_now,
    operation,
    tenant: { id: row.tenant_id, workspaceId: row.workspace_id, slug: row.slug, status: row.tenant_status },
    connection,
    target: target && describeTarget(target, input.tenantId, operation, connection, row.b_status, row.b_policy_families),
    scope,
    activeRun:
      row.r_id === null
        ? null
        : {
            id: row.r_id,
            operation: row.r_operation ?? "",
            status: row.r_status ?? "",
            targetKind: row.r_target_kind ?? "",
            targetId: row.r_target_id ?? "",
          },
    finishesOnboarding: input.finishesOnboarding === true,
  };
}

const READY_BACKUP_STATUSES = ["complete", "partial"];

function describeTarget(
  target: OperationTarget,
  tenantId: string,
  operation: OperationDefinition,
  connection: ConnectionFacts | null,
  backupSetStatus: string | null,
  policyFamilies: string[] | null,
): TargetFacts {
  // Built field by field rather than by spreading the target: a bulk read builds 10,000 of these, and
  // the spreads were the largest single cost of turning its rows into contexts (CPU profile: docs/benchmarks.md).
  const { kind, id } = target;
  if (kind !== operation.targetKind) return { kind, id, found: false, ready: false, backupSetStatus: null, policyFamilies: null };
  switch (kind) {
    case "tenant":
      return { kind, id, found: id === tenantId, ready: true, backupSetStatus: null, policyFamilies: null };
    case "backup_set":
      return {
        kind,
        id,
        found: backupSetStatus !== null,
        ready: backupSetStatus !== null && READY_BACKUP_STATUSES.includes(backupSetStatus),
        backupSetStatus,
        policyFamilies: policyFamilies ?? [],
      };
    case "report_kind":
      return { kind, id, found: isReportKind(id), ready: true, backupSetStatus: null, policyFamilies: null };
    case "provider_connection":
      return { kind, id, found: connection !== null && connection.id === id, ready: true, backupSetStatus: null, policyFamilies: null };
  }
}
