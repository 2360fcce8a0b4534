import type { Db } from "@tenantpilot/db";
import type { BulkRollup, ConnectionRef, OperationId, ReasonCode, RestoreSelection } from "./contract";
import type { StartInput } from "./preflight-context";
import type { OperationTarget } from "./target";

export interface BlockedStartRecord {
  workspaceId: string;
  tenantId: string;
  initiator: StartInput["initiator"];
  operation: OperationId;
  reason: ReasonCode;
  target: OperationTarget | undefined;
  message: string;
  missingPermissions?: string[];
  /** The bulk start this tenant's answer belongs to. */
  batchId?: string;
}

/** audit_log's actor columns for a start's initiator: a token's starts name the token (kept in the details). */
export function auditActorOf(initiator: StartInput["initiator"]): { kind: "user" | "token" | "system"; userId: string | null; tokenId?: string } {
  if (initiator.kind === "system") return { kind: "system", userId: null };
  return initiator.tokenId ? { kind: "token", userId: initiator.userId, tokenId: initiator.tokenId } : { kind: "user", userId: initiator.userId };
}

/**
 * The details of an accepted start's audit row (operation.accepted, written with its admission):
 * what it acts on and the connection it was bound to, named, so that the activity log can say it
 * even after the connection was renamed or removed.
 */
export function acceptedStartDetails(start: {
  target: OperationTarget;
  connection: ConnectionRef;
  initiator: StartInput["initiator"];
  selection?: RestoreSelection | null;
}): Record<string, unknown> {
  const actor = auditActorOf(start.initiator);
  return {
    target: { kind: start.target.kind, id: start.target.id },
    connection: { id: start.connection.id, displayName: start.connection.displayName },
    ...(start.selection ? { selectedItems: start.selection.backupItemIds.length } : {}),
    ...(actor.tokenId ? { tokenId: actor.tokenId } : {}),
  };
}

/** A blocked start creates no run; this audit row is its only trace. */
export async function recordBlockedStart(db: Db, record: BlockedStartRecord): Promise<void> {
  await recordBlockedStarts(db, [record]);
}

/** The audit rows of many blocked starts (a bulk start's) in one statement; the same row as a single start writes. */
export async function recordBlockedStarts(db: Db, records: readonly BlockedStartRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((record) => {
    const actor = auditActorOf(record.initiator);
    const viaToken = actor.tokenId;
    return {
      workspaceId: record.workspaceId,
      tenantId: record.tenantId,
      actorKind: actor.kind,
      actorUserId: actor.userId,
      operation: record.operation,
      reason: record.reason,
      targetKind: record.target?.kind ?? null,
      targetId: record.target?.id ?? null,
      details: JSON.stringify({
        message: record.message,
        ...(viaToken ? { tokenId: viaToken } : {}),
        ...(record.missingPermissions ? { missingPermissions: record.missingPermissions } : {}),
        ...(record.batchId ? { batchId: record.batchId } : {}),
      }),
    };
  });
  await db.$executeRaw`
    INSERT INTO audit_log (workspace_id, tenant_id, actor_kind, actor_user_id, action, operation, reason_code,
                           target_kind, target_id, details)
    SELECT a.workspace_id, a.tenant_id, a.actor_kind, a.actor_user_id, 'operation.blocked', a.operation, a.reason_code,
           a.target_kind, a.target_id, a.details
      FROM unnest(${rows.map((r) => r.workspaceId)}::uuid[], ${rows.map((r) => r.tenantId)}::uuid[],
                  ${rows.map((r) => r.actorKind)}::text[], ${rows.map((r) => r.actorUserId)}::uuid[],
                  ${rows.map((r) => r.operation)}::text[], ${rows.map((r) => r.reason)}::text[],
                  ${rows.map((r) => r.targetKind)}::text[], ${rows.map((r) => r.targetId)}::text[],
                  ${rows.map((r) => r.details)}::jsonb[])
           AS a(workspace_id, tenant_id, actor_kind, actor_user_id, operation, reason_code, target_kind, target_id, details)`;
}

/** The one audit row of a bulk start (its blocked tenants have their own operation.blocked rows). */
export async function recordBatchStarted(
  db: Db,
  entry: { batchId: string; workspaceId: string; initiator: StartInput["initiator"]; operation: OperationId; rollup: BulkRollup },
): Promise<void> {
  const { kind: actorKind, userId: actorUserId, tokenId: viaToken } = auditActorOf(entry.initiator);
  const details = JSON.stringify({ rollup: entry.rollup, ...(viaToken ? { tokenId: viaToken } : {}) });
  await db.$executeRaw`
    INSERT INTO audit_log (workspace_id, actor_kind, actor_user_id, action, operation, target_kind, target_id, details)
    VALUES (${entry.workspaceId}::uuid, ${actorKind}, ${actorUserId}::uuid, 'batch.started', ${entry.operation},
            'batch', ${entry.batchId}, ${details}::jsonb)`;
}
