import { Prisma, type Db } from "@tenantpilot/db";
import {
  auditDetailsOf,
  auditTargetOf,
  type Actor,
  type AuditDetails,
  type AuditEntry,
  type ConnectionRef,
  type OperationId,
  type RestoreSelection,
  type StartResult,
} from "./contract";
import type { OperationTarget } from "./target";

/**
 * The one writer of audit_log: the gate (blocked starts), the run lifecycle (cancellations) and the
 * API's services all record through it, in the caller's transaction (an admission embeds
 * acceptedStartAuditCte below in its own statement). However many entries, one
 * statement. The actor's token, when it acted through one, is kept in the details.
 */
export async function recordAudit(db: Db, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  const list: readonly AuditEntry[] = Array.isArray(entries) ? entries : [entries as AuditEntry];
  if (list.length === 0) return;
  const rows = JSON.stringify(
    list.map((entry) => ({
      workspace_id: entry.workspaceId,
      tenant_id: entry.tenantId,
      actor_kind: entry.actor.kind,
      actor_user_id: entry.actor.kind === "system" ? null : entry.actor.userId,
      action: entry.action,
      operation: "operation" in entry ? entry.operation : null,
      reason_code: "reason" in entry ? entry.reason : null,
      target_kind: auditTargetOf(entry)?.kind ?? null,
      target_id: auditTargetOf(entry)?.id ?? null,
      details: { ...auditDetailsOf(entry), ...tokenOf(entry.actor) },
    })),
  );
  await db.$executeRaw`
    INSERT INTO audit_log (workspace_id, tenant_id, actor_kind, actor_user_id, action, operation, reason_code, target_kind, target_id, details)
    SELECT workspace_id, tenant_id, actor_kind, actor_user_id, action, operation, reason_code, target_kind, target_id, details
      FROM jsonb_to_recordset(${rows}::jsonb)
        AS x(workspace_id uuid, tenant_id uuid, actor_kind text, actor_user_id uuid, action text, operation text, reason_code text,
             target_kind text, target_id text, details jsonb)`;
}

/**
 * The operation.blocked row of a blocked start, alone or as a batch's tenant (naming its batch): a
 * blocked start creates no run, so this row is its only trace. One shape for both.
 */
export function blockedStartEntry(
  start: { workspaceId: string; tenantId: string; actor: Actor; operation: OperationId; target: OperationTarget | null },
  result: Extract<StartResult, { outcome: "blocked" }>,
  batchId?: string,
): Extract<AuditEntry, { action: "operation.blocked" }> {
  return {
    action: "operation.blocked",
    ...start,
    reason: result.reason,
    details: {
      message: result.message,
      ...(result.missingPermissions === undefined ? {} : { missingPermissions: result.missingPermissions }),
      ...(batchId === undefined ? {} : { batchId }),
    },
  };
}

/** The token an actor acted through, kept in the row's details (the columns name its user). */
function tokenOf(actor: Actor): { tokenId?: string } {
  return actor.kind === "token" ? { tokenId: actor.tokenId } : {};
}

/**
 * What an accepted start's operation.accepted row takes from the start itself, as columns of the
 * admission statement's input document: the run id exists only inside that statement, and the start
 * and its row must exist together or not at all. Same actor mapping and the catalogue's details schema
 * as recordAudit; typed by the catalogue and built from typed inputs, so no schema parse on the
 * admission path.
 */
export function acceptedStartAuditFields(start: {
  operation: OperationId;
  actor: Actor;
  target: OperationTarget;
  connection: ConnectionRef;
  selection?: RestoreSelection | null | undefined;
}): { actor_kind: Actor["kind"]; actor_user_id: string | null; audit_details: AuditDetails<"operation.accepted"> & { tokenId?: string } } {
  const details: AuditDetails<"operation.accepted"> = {
    target: { kind: start.target.kind, id: start.target.id },
    connection: { id: start.connection.id, displayName: start.connection.displayName },
    ...(start.selection ? { selectedItems: start.selection.backupItemIds.length } : {}),
  };
  return {
    actor_kind: start.actor.kind,
    actor_user_id: start.actor.kind === "system" ? null : start.actor.userId,
    audit_details: { ...details, ...tokenOf(start.actor) },
  };
}

/**
 * The statement part that writes the operation.accepted rows of an admission statement: a
 * data-modifying CTE over its `admitted` rows (tenant_id, operation, run_id — null where the admission
 * lost — and the acceptedStartAuditFields columns).
 */
export const acceptedStartAuditInsert = Prisma.sql`
    INSERT INTO audit_log (workspace_id, tenant_id, actor_kind, actor_user_id, action, operation, target_kind, target_id, details)
    SELECT t.workspace_id, t.id, a.actor_kind, a.actor_user_id, 'operation.accepted', a.operation,
           'operation_run', a.run_id::text, a.audit_details
      FROM admitted a JOIN tenants t ON t.id = a.tenant_id
     WHERE a.run_id IS NOT NULL`;
