import { Prisma, type Db } from "@tenantpilot/db";
import { encodeCursor, type Cursor, type Page } from "../page-cursor";
import { activityEntries, type ActivityEntry, type AuditRow } from "./activity-entry";
import type { AuditViewer } from "./audit-subjects";

export interface ActivityQuery {
  workspaceId: string;
  /** The access rule over `tenants t` (packages/auth tenantVisibleTo): rows of tenants the viewer does not see are left out. */
  visible: Prisma.Sql;
  tenantId?: string;
  /** A member's user id, or "system". */
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
  cursor: Cursor | null;
  limit: number;
}

interface Row {
  id: string;
  created_at: Date;
  action: string;
  actor_kind: string;
  actor_user_id: string | null;
  actor_name: string | null;
  operation: string | null;
  reason_code: string | null;
  target_kind: string | null;
  target_id: string | null;
  details: unknown;
  tenant_id: string | null;
  tenant_slug: string | null;
  tenant_name: string | null;
}

/**
 * The workspace's activity: every audit row of the workspace — its tenants' (only those the viewer
 * sees) and the workspace's own (tags, schedules, the webhook, onboarding before a tenant existed) —
 * newest first, a keyset page on (created_at, id), filtered by tenant, actor, action and a date
 * range; each in words with its subject named. The CSV export pages through it.
 */
export async function listActivity(db: Db, query: ActivityQuery, viewer: AuditViewer): Promise<Page<ActivityEntry>> {
  const where = [
    Prisma.sql`a.workspace_id = ${query.workspaceId}::uuid`,
    Prisma.sql`(a.tenant_id IS NULL OR ${query.visible})`,
    ...(query.tenantId === undefined ? [] : [Prisma.sql`a.tenant_id = ${query.tenantId}::uuid`]),
    ...(query.actor === undefined
      ? []
      : [query.actor === "system" ? Prisma.sql`a.actor_kind = 'system'` : Prisma.sql`a.actor_user_id = ${query.actor}::uuid`]),
    ...(query.action === undefined ? [] : [Prisma.sql`a.action = ${query.action}`]),
    ...(query.from === undefined ? [] : [Prisma.sql`a.created_at >= ${query.from}`]),
    ...(query.to === undefined ? [] : [Prisma.sql`a.created_at <= ${query.to}`]),
    ...(query.cursor === null ? [] : [Prisma.sql`(a.created_at, a.id) < (${query.cursor.createdAt}, ${query.cursor.id}::uuid)`]),
  ];
  const rows = await db.$queryRaw<Row[]>`
    SELECT a.id, a.created_at, a.action, a.actor_kind, a.actor_user_id, u.display_name AS actor_name, a.operation, a.reason_code,
           a.target_kind, a.target_id, a.details, t.id AS tenant_id, t.slug AS tenant_slug, t.display_name AS tenant_name
      FROM audit_log a
      LEFT JOIN tenants t ON t.id = a.tenant_id
      LEFT JOIN users u ON u.id = a.actor_user_id
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY a.created_at DESC, a.id DESC
     LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await activityEntries(db, page.map(toAuditRow), viewer),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

function toAuditRow(row: Row): AuditRow {
  return {
    id: row.id,
    createdAt: row.created_at,
    action: row.action,
    actorKind: row.actor_kind,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    operation: row.operation,
    reasonCode: row.reason_code,
    targetKind: row.target_kind,
    targetId: row.target_id,
    details: row.details,
    tenant: row.tenant_id === null ? null : { id: row.tenant_id, slug: row.tenant_slug ?? "", displayName: row.tenant_name ?? "" },
  };
}
