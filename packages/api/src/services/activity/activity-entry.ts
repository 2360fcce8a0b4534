import { describe, isOperationId, operationCatalog, ReasonCodeSchema } from "@tenantpilot/dispatch-gate/contract";
import { auditSubjects, type AuditSubject } from "./audit-subjects";
import type { Db } from "@tenantpilot/db";

/** An audit row as the activity reads select it. */
export interface AuditRow {
  id: string;
  createdAt: Date;
  action: string;
  actorKind: string;
  actorUserId: string | null;
  actorName: string | null;
  operation: string | null;
  reasonCode: string | null;
  targetKind: string | null;
  targetId: string | null;
  details: unknown;
  tenant: { id: string; slug: string; displayName: string } | null;
}

export interface ActivityEntry {
  id: string;
  at: Date;
  action: string;
  /** "Connection disabled", "Start accepted (queued)". */
  title: string;
  actor: { kind: string; userId: string | null; name: string };
  tenant: { id: string; slug: string; displayName: string } | null;
  operation: { id: string; label: string } | null;
  /** What it was about, named (never just an id). */
  subject: AuditSubject | null;
  /** A blocked start: the sentence it answered (as recorded) and its reason code. */
  reason: { code: string; message: string } | null;
}

/** Who acted, in words: the person (through a token, said so), or the system. */
function actorName(row: AuditRow): string {
  if (row.actorKind === "system") return "Schedule (system)";
  const person = row.actorName ?? "Former member";
  return row.actorKind === "token" ? `${person} (API token)` : person;
}

/** A page of audit rows in words, with their subjects named (auditSubjects: a constant number of reads). */
export async function activityEntries(db: Db, rows: readonly AuditRow[]): Promise<ActivityEntry[]> {
  const subjects = await auditSubjects(db, rows);
  return rows.map((row, index) => {
    const code = ReasonCodeSchema.safeParse(row.reasonCode);
    const recorded = (row.details as { message?: unknown } | null)?.message;
    const message =
      typeof recorded === "string" ? recorded : code.success && row.tenant ? describe({ reason: code.data, context: { tenantSlug: row.tenant.slug } }).message : null;
    return {
      id: row.id,
      at: row.createdAt,
      action: row.action,
      title: describe({ auditAction: row.action }),
      actor: { kind: row.actorKind, userId: row.actorUserId, name: actorName(row) },
      tenant: row.tenant,
      operation: row.operation !== null && isOperationId(row.operation) ? { id: row.operation, label: operationCatalog[row.operation].label } : null,
      subject: subjects[index] ?? null,
      reason: row.reasonCode !== null && message !== null ? { code: row.reasonCode, message } : null,
    };
  });
}
