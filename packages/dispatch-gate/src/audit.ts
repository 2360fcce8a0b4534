import type { Db } from "@tenantpilot/db";
import type { OperationId, ReasonCode } from "./contract";
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
}

/** A blocked start creates no run; this audit row is its only trace. */
export async function recordBlockedStart(db: Db, record: BlockedStartRecord): Promise<void> {
  const viaToken = record.initiator.kind === "user" ? record.initiator.tokenId : undefined;
  const actorKind = viaToken ? "token" : record.initiator.kind;
  const details = JSON.stringify({
    message: record.message,
    ...(viaToken ? { tokenId: viaToken } : {}),
    ...(record.missingPermissions ? { missingPermissions: record.missingPermissions } : {}),
  });
  const actorUserId = record.initiator.kind === "user" ? record.initiator.userId : null;
  await db.$executeRaw`
    INSERT INTO audit_log (workspace_id, tenant_id, actor_kind, actor_user_id, action, operation, reason_code,
                           target_kind, target_id, details)
    VALUES (${record.workspaceId}::uuid, ${record.tenantId}::uuid, ${actorKind}, ${actorUserId}::uuid,
            'operation.blocked', ${record.operation}, ${record.reason},
            ${record.target?.kind ?? null}, ${record.target?.id ?? null}, ${details}::jsonb)`;
}
