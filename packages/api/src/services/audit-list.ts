import type { Db } from "@tenantpilot/db";
import type { AuditAction } from "@tenantpilot/dispatch-gate/contract";
import { auditSubjects, type AuditViewer } from "./activity/audit-subjects";
import { auditEntrySelect, toAuditEntryView } from "./audit-view";
import { afterCursor, newestFirst, toPage, type Cursor } from "./page-cursor";

export interface AuditQuery {
  /** Only blocked starts (action operation.blocked): the trace a start that created no run leaves. */
  blockedOnly: boolean;
  action?: AuditAction | undefined;
  cursor: Cursor | null;
  limit: number;
}

/** A tenant's audit rows, newest first, each read once (typed record, who) with what it was about named. */
export async function listAuditEntries(db: Db, tenantId: string, query: AuditQuery, viewer: AuditViewer) {
  const action = query.blockedOnly ? "operation.blocked" : query.action;
  const rows = await db.auditLogEntry.findMany({
    where: { tenantId, ...(action === undefined ? {} : { action }), ...afterCursor(query.cursor) },
    select: { ...auditEntrySelect, targetKind: true, targetId: true, tenant: { select: { slug: true, displayName: true } } },
    orderBy: newestFirst,
    take: query.limit + 1,
  });
  const page = toPage(rows, query.limit, (row) => row);
  // What each row was about, named (the run, the connection, …): constant reads per page.
  const subjects = await auditSubjects(db, page.items, viewer);
  return { ...page, items: page.items.map((row, index) => ({ ...toAuditEntryView(row), subject: subjects[index] ?? null })) };
}
