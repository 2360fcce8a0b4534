import type { Db } from "@tenantpilot/db";
import type { BulkRollup, OperationId, ReasonCode } from "./contract";
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

/** A blocked start creates no run; this audit row is its only trace. */
export async function recordBlockedStart(db: Db, record: BlockedStartRecord): Promise<void> {
  await recordBlockedStarts(db, [record]);
}

/** The audit rows of many blocked starts (a bulk start's) in one statement; the same row as a single start writes. */
export async function recordBlockedStarts(db: Db, records: readonly BlockedStartRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((record) => {
    const viaToken = record.initiator.kind === "user" ? record.initiator.tokenId : undefined;
    return {
      workspaceId: record.workspaceId,
      tenantId: record.tenantId,
      actorKind: viaToken ? "token" : record.initiator.kind,
      actorUserId: record.initiator.kind === "user" ? record.initiator.userId : null,
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
  const viaToken = entry.initiator.kind === "user" ? entry.initiator.tokenId : undefined;
  const actorKind = viaToken ? "token" : entry.initiator.kind;
  const actorUserId = entry.initiator.kind === "user" ? entry.initiator.userId : null;
  const details = JSON.stringify({ rollup: entry.rollup, ...(viaToken ? { tokenId: viaToken } : {}) });
  await db.$executeRaw`
    INSERT INTO audit_log (workspace_id, actor_kind, actor_user_id, action, operation, target_kind, target_id, details)
    VALUES (${entry.workspaceId}::uuid, ${actorKind}, ${actorUserId}::uuid, 'batch.started', ${entry.operation},
            'batch', ${entry.batchId}, ${details}::jsonb)`;
}
