import type { Db } from "@tenantpilot/db";
import type { AuditAction } from "@tenantpilot/dispatch-gate/contract";
import { auditEntrySelect, toAuditEntryView } from "./audit-view";
import { afterCursor, newestFirst, toPage, type Cursor } from "./page-cursor";

export interface AuditQuery {
  /** Only blocked starts (action operation.blocked): the trace a start that created no run leaves. */
  blockedOnly: boolean;
  action?: AuditAction;
  cursor: Cursor | null;
  limit: number;
}

export async function listAuditEntries(db: Db, tenantId: string, query: AuditQuery) {
  const action = query.blockedOnly ? "operation.blocked" : query.action;
  const rows = await db.auditLogEntry.findMany({
    where: { tenantId, ...(action === undefined ? {} : { action }), ...afterCursor(query.cursor) },
    select: auditEntrySelect,
    orderBy: newestFirst,
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, toAuditEntryView);
}
