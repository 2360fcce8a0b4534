import type { Db } from "@tenantpilot/db";
import type { Actor } from "../authorization/authed";

export interface AuditEntry {
  workspaceId: string;
  tenantId: string | null;
  actor: Actor;
  /** e.g. connection.created, connection.secret_rotated, onboarding.completed */
  action: string;
  targetKind?: string;
  targetId?: string;
  /** Never secrets: names of changed fields, ids, states. */
  details?: Record<string, unknown>;
}

/** One row in audit_log for a write made through the API; runs in the write's own transaction. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLogEntry.create({
    data: {
      workspaceId: entry.workspaceId,
      tenantId: entry.tenantId,
      actorKind: entry.actor.kind,
      actorUserId: entry.actor.userId,
      action: entry.action,
      targetKind: entry.targetKind ?? null,
      targetId: entry.targetId ?? null,
      details: {
        ...entry.details,
        ...(entry.actor.kind === "token" ? { tokenId: entry.actor.tokenId } : {}),
      },
    },
  });
}
