import type { Prisma } from "@tenantpilot/db";
import { isOperationId, parseAuditRecord, ReasonCodeSchema, type ActorKind, type AuditEntryView } from "@tenantpilot/dispatch-gate/contract";

export const auditEntrySelect = {
  id: true,
  createdAt: true,
  action: true,
  actorKind: true,
  operation: true,
  reasonCode: true,
  details: true,
  actorUser: { select: { displayName: true } },
} as const satisfies Prisma.AuditLogEntrySelect;

type AuditRow = Prisma.AuditLogEntryGetPayload<{ select: typeof auditEntrySelect }>;

const actorKinds: readonly ActorKind[] = ["user", "token", "system"];

/** An audit row, read once: its typed record (null when the catalogue cannot read it), who, and what it concerned. */
export function toAuditEntryView(row: AuditRow): AuditEntryView & { id: string; createdAt: Date } {
  return { id: row.id, createdAt: row.createdAt, ...auditEntryViewOf({ ...row, actorName: row.actorUser?.displayName ?? null }) };
}

/** The columns of an audit row, however it was read (Prisma or SQL), as the one formatter takes them. */
export function auditEntryViewOf(row: {
  action: string;
  details: unknown;
  actorKind: string;
  actorName: string | null;
  operation: string | null;
  reasonCode: string | null;
}): AuditEntryView {
  const reason = ReasonCodeSchema.safeParse(row.reasonCode);
  return {
    record: parseAuditRecord(row.action, row.details),
    action: row.action,
    // audit_log_actor_kind_check allows exactly these.
    actor: { kind: actorKinds.find((kind) => kind === row.actorKind) ?? "system", name: row.actorName },
    operation: row.operation !== null && isOperationId(row.operation) ? row.operation : null,
    reason: reason.success ? reason.data : null,
  };
}
