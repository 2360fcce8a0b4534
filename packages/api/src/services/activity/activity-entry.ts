import { describeAuditEntry, operationCatalog } from "@tenantpilot/dispatch-gate/contract";
import { auditEntryViewOf } from "../audit-view";
import { auditSubjects, type AuditSubject, type AuditViewer } from "./audit-subjects";
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
  /** The specifics the row recorded, as a sentence ("Queued on connection “Contoso app”."); null when none. */
  detail: string | null;
  actor: { kind: string; userId: string | null; name: string };
  tenant: { id: string; slug: string; displayName: string } | null;
  operation: { id: string; label: string } | null;
  /** What it was about, named (never just an id). */
  subject: AuditSubject | null;
  /** A blocked start: the sentence it answered (as recorded) and its reason code. */
  reason: { code: string; message: string } | null;
}

/** A page of audit rows in words (describeAuditEntry, the one formatter), with their subjects named (auditSubjects: a constant number of reads). */
export async function activityEntries(db: Db, rows: readonly AuditRow[], viewer: AuditViewer): Promise<ActivityEntry[]> {
  const subjects = await auditSubjects(db, rows, viewer);
  return rows.map((row, index) => {
    const view = auditEntryViewOf(row);
    const words = describeAuditEntry(view, { tenantSlug: row.tenant?.slug ?? "" });
    return {
      id: row.id,
      at: row.createdAt,
      action: row.action,
      title: words.title,
      detail: words.detail,
      actor: { kind: row.actorKind, userId: row.actorUserId, name: words.actor },
      tenant: row.tenant,
      operation: view.operation === null ? null : { id: view.operation, label: operationCatalog[view.operation].label },
      subject: subjects[index] ?? null,
      reason: row.reasonCode !== null && words.blocked && words.detail !== null ? { code: row.reasonCode, message: words.detail } : null,
    };
  });
}
