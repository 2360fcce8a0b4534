import { Prisma, type Db } from "@tenantpilot/db";
import { isRole, roleCapabilities } from "@tenantpilot/auth";
import type { Capability } from "@tenantpilot/dispatch-gate/contract";
import { encodeTenantCursor, type TenantCursor } from "@tenantpilot/dispatch-gate";
import { connectionViewSelect, toConnectionView } from "./connection-view";
import { connectionStandings } from "./connection-verdicts";
import type { Page } from "./page-cursor";
import { containsLiterally, literally } from "./literal-search";

export interface ConnectionListQuery {
  viewerUserId: string;
  /** `tenantVisibleTo(viewer)`, narrowed to one workspace or one tenant when the caller named it. */
  visible: Prisma.Sql;
  workspaceId?: string;
  tenantId?: string;
  /** Literal, case-insensitive: a tenant's name or slug (all its connections) or a connection's name. */
  search?: string;
  after: Extract<TenantCursor, { order: "name" }> | null;
  /** Tenants per page: a tenant's connections are never split across pages (ADR 035). */
  limit: number;
}

interface TenantRow {
  id: string;
  slug: string;
  display_name: string;
  role: string | null;
}

/**
 * One keyset page of provider connections, grouped by tenant in name order: the page's tenants
 * (those with a matching connection), their connections, and the gate's standing of each. A
 * constant number of statements whatever the number of tenants the viewer sees: the tenants page,
 * its connections, the standings of those connections.
 */
export async function listConnections(db: Db, query: ConnectionListQuery) {
  const pattern = query.search === undefined ? null : `%${literally(query.search)}%`;
  // The page walks tenants (display_name, id) — the tenants list's own key, which no connection write moves.
  const tenants = await db.$queryRaw<TenantRow[]>`
    SELECT t.id, t.slug, t.display_name, m.role
      FROM tenants t
      LEFT JOIN memberships m ON m.workspace_id = t.workspace_id AND m.user_id = ${query.viewerUserId}::uuid
     WHERE ${Prisma.join(
       [
         query.visible,
         query.workspaceId === undefined ? Prisma.sql`true` : Prisma.sql`t.workspace_id = ${query.workspaceId}::uuid`,
         query.tenantId === undefined ? Prisma.sql`true` : Prisma.sql`t.id = ${query.tenantId}::uuid`,
         Prisma.sql`EXISTS (SELECT 1 FROM provider_connections c WHERE c.tenant_id = t.id AND ${matches(pattern)})`,
         query.after === null ? Prisma.sql`true` : Prisma.sql`(t.display_name, t.id) > (${query.after.name}, ${query.after.id}::uuid)`,
       ],
       " AND ",
     )}
     ORDER BY t.display_name, t.id
     LIMIT ${query.limit + 1}`;
  const page = tenants.slice(0, query.limit);
  const byTenant = new Map(page.map((tenant, index) => [tenant.id, { tenant, index }]));
  const rows = await db.providerConnection.findMany({
    where: { tenantId: { in: [...byTenant.keys()] }, ...connectionsMatching(query.search) },
    select: connectionViewSelect,
  });
  // Tenant by tenant in page order; within a tenant, the primary first, then oldest first.
  const ordered = rows
    .map((row) => ({ row, at: byTenant.get(row.tenantId)! }))
    .sort((a, b) => a.at.index - b.at.index || Number(b.row.isPrimary) - Number(a.row.isPrimary) || a.row.createdAt.getTime() - b.row.createdAt.getTime());
  const standings = await connectionStandings(db, ordered.map(({ row, at }) => ({ id: row.id, tenantSlug: at.tenant.slug })));
  const last = page[page.length - 1];
  return {
    items: ordered.map(({ row, at: { tenant } }) => ({
      ...toConnectionView(row),
      tenant: { id: tenant.id, slug: tenant.slug, displayName: tenant.display_name },
      /** What the viewer may do on this connection's tenant (start a check, manage connections). */
      capabilities: capabilitiesOf(tenant.role),
      standing: standings.get(row.id) ?? null,
    })),
    nextCursor: tenants.length > query.limit && last ? encodeTenantCursor({ order: "name", name: last.display_name, id: last.id }) : null,
  } satisfies Page<unknown>;
}

export type ConnectionListItem = Awaited<ReturnType<typeof listConnections>>["items"][number];

/**
 * The search, in SQL over a connection `c` of tenant `t` (which tenants the page holds) and as
 * Prisma's filter (which of their connections it shows): the same three columns, the same pattern.
 */
function matches(pattern: string | null): Prisma.Sql {
  if (pattern === null) return Prisma.sql`true`;
  return Prisma.sql`(t.display_name ILIKE ${pattern} OR t.slug ILIKE ${pattern} OR c.display_name ILIKE ${pattern})`;
}

function connectionsMatching(search: string | undefined): Prisma.ProviderConnectionWhereInput {
  if (search === undefined) return {};
  const contains = containsLiterally(search);
  return { OR: [{ tenant: { displayName: contains } }, { tenant: { slug: contains } }, { displayName: contains }] };
}

function capabilitiesOf(role: string | null): Capability[] {
  return role !== null && isRole(role) ? [...roleCapabilities[role]] : [];
}
