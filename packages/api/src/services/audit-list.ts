import type { Db } from "@tenantpilot/db";
import { auditSubjects } from "./activity/audit-subjects";
import { afterCursor, newestFirst, toPage, type Cursor } from "./page-cursor";

export interface AuditQuery {
  /** Only blocked starts (action operation.blocked): the trace a start that created no run leaves. */
  blockedOnly: boolean;
  action?: string;
  cursor: Cursor | null;
  limit: number;
}

export async function listAuditEntries(db: Db, tenantId: string, query: AuditQuery) {
  const action = query.blockedOnly ? "operation.blocked" : query.action;
  const rows = await db.auditLogEntry.findMany({
    where: { tenantId, ...(action === undefined ? {} : { action }), ...afterCursor(query.cursor) },
    select: {
      id: true,
      createdAt: true,
      action: true,
      actorKind: true,
      operation: true,
      reasonCode: true,
      targetKind: true,
      targetId: true,
      details: true,
      actorUser: { select: { id: true, displayName: true } },
      tenant: { select: { slug: true, displayName: true } },
    },
    orderBy: newestFirst,
    take: query.limit + 1,
  });
  const page = toPage(rows, query.limit, (row) => row);
  // What each row was about, named (the run, the connection, …): constant reads per page.
  const subjects = await auditSubjects(db, page.items);
  return { ...page, items: page.items.map((row, index) => ({ ...row, subject: subjects[index] ?? null })) };
}
