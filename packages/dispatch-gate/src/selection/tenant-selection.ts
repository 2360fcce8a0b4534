import { Prisma, type Db } from "@tenantpilot/db";
import type { BulkTenant, PreviewResult, ReadinessFilter, TenantFilter, TenantSelection } from "../contract";
import { bulkStartInputs } from "../bulk/bulk-inputs";
import { readinessGroups } from "../bulk/readiness-groups";
import type { TenantCursor, TenantOrder } from "./tenant-cursor";
import { hasFailedRecently, hasSecretInWindow } from "./attention";

/**
 * THE tenant filter: the tenants list pages through it and a bulk start acts on it, so "select all N
 * matching" is exactly what the list shows. Search, status, tag, failed runs and secret expiry are SQL
 * conditions (the last two shared with the home's counts, ./attention); readiness is
 * the gate's own decision (over readiness groups: bulk/readiness-groups), never a second copy of the
 * preflight rules in SQL.
 */

/** Who is looking: `visible` is the access rule as a predicate over `tenants t` (packages/auth tenantVisibleTo, or `true` for the system). */
export interface TenantScope {
  visible: Prisma.Sql;
  workspaceId?: string;
}

export interface SelectedTenant extends BulkTenant {
  workspaceId: string;
  status: string;
  microsoftTenantId: string;
  primaryDomain: string | null;
  lastActivityAt: Date;
}

export interface TenantQuery {
  filter: TenantFilter;
  order: TenantOrder;
  after: TenantCursor | null;
  /** null: every matching tenant (a bulk selection). */
  limit: number | null;
}

interface TenantRow {
  id: string;
  slug: string;
  display_name: string;
  workspace_id: string;
  status: string;
  microsoft_tenant_id: string;
  primary_domain: string | null;
  last_activity_at: Date;
}

/** The matching tenants in list order, at most `limit` of them, and whether more follow. */
export async function selectTenants(db: Db, scope: TenantScope, query: TenantQuery): Promise<{ tenants: SelectedTenant[]; more: boolean }> {
  const readiness = query.filter.readiness;
  // With a readiness filter the page is cut after the gate has judged the candidates.
  const sqlLimit = query.limit === null || readiness ? null : query.limit + 1;
  const rows = await db.$queryRaw<TenantRow[]>`
    SELECT ${columns}
      FROM tenants t
      JOIN tenant_activity a ON a.tenant_id = t.id
     WHERE ${Prisma.join([...conditions(scope, query.filter), keyset(query.after)], " AND ")}
     ORDER BY ${query.order === "name" ? Prisma.sql`t.display_name, t.id` : Prisma.sql`a.last_activity_at DESC, a.tenant_id DESC`}
     ${sqlLimit === null ? Prisma.empty : Prisma.sql`LIMIT ${sqlLimit}`}`;
  let tenants = rows.map(toSelected);
  if (readiness) tenants = await withReadiness(db, tenants, readiness);
  if (query.limit === null) return { tenants, more: false };
  return { tenants: tenants.slice(0, query.limit), more: tenants.length > query.limit };
}

/**
 * A bulk start's tenants: named ones (slug or id) the scope may see, whatever their status, or every
 * tenant matching the filter. Named tenants that are not found are simply absent from the answer.
 */
export async function resolveSelection(db: Db, scope: TenantScope, selection: TenantSelection): Promise<SelectedTenant[]> {
  if (selection.kind === "filter") return (await selectTenants(db, scope, { filter: selection.filter, order: "name", after: null, limit: null })).tenants;
  const rows = await db.$queryRaw<TenantRow[]>`
    SELECT ${columns}
      FROM tenants t
      JOIN tenant_activity a ON a.tenant_id = t.id
     WHERE (t.id::text = ANY(${selection.tenants}::text[]) OR t.slug = ANY(${selection.tenants.map((key) => key.toLowerCase())}::text[]))
       AND ${Prisma.join(scopeConditions(scope), " AND ")}
     ORDER BY t.display_name, t.id`;
  return rows.map(toSelected);
}

/** The position after a row, for the next page. */
export function cursorAfter(tenant: SelectedTenant, order: TenantOrder): TenantCursor {
  return order === "name" ? { order, name: tenant.displayName, id: tenant.id } : { order, at: tenant.lastActivityAt, id: tenant.id };
}

/** Whether a preview answers what a readiness filter asks for. */
export function matchesReadiness(preview: PreviewResult, filter: ReadinessFilter): boolean {
  if (preview.outcome !== filter.outcome) return false;
  return filter.reason === undefined || (preview.outcome === "blocked" && preview.reason === filter.reason);
}

const columns = Prisma.sql`t.id, t.slug, t.display_name, t.workspace_id, t.status, t.microsoft_tenant_id::text AS microsoft_tenant_id,
  t.primary_domain, a.last_activity_at`;

function scopeConditions(scope: TenantScope): Prisma.Sql[] {
  // The workspace is named on both tables so that either keyset index (name on tenants, activity on
  // tenant_activity) can serve the order.
  return [
    scope.visible,
    ...(scope.workspaceId === undefined ? [] : [Prisma.sql`t.workspace_id = ${scope.workspaceId}::uuid AND a.workspace_id = ${scope.workspaceId}::uuid`]),
  ];
}

function conditions(scope: TenantScope, filter: TenantFilter): Prisma.Sql[] {
  const where = scopeConditions(scope);
  switch (filter.status ?? "current") {
    case "current":
      where.push(Prisma.sql`t.status <> 'archived'`);
      break;
    case "all":
      break;
    default:
      where.push(Prisma.sql`t.status = ${filter.status}`);
  }
  if (filter.tagId !== undefined) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM tenant_tags tt WHERE tt.tenant_id = t.id AND tt.tag_id = ${filter.tagId}::uuid)`);
  }
  if (filter.tagIds !== undefined) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM tenant_tags tt WHERE tt.tenant_id = t.id AND tt.tag_id = ANY(${filter.tagIds}::uuid[]))`);
  }
  if (filter.failedWithin24h === true) where.push(hasFailedRecently);
  if (filter.secretExpiry !== undefined) where.push(hasSecretInWindow(filter.secretExpiry));
  if (filter.search !== undefined) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, "\\$&")}%`;
    where.push(Prisma.sql`(t.display_name ILIKE ${pattern} OR t.slug ILIKE ${pattern} OR t.primary_domain ILIKE ${pattern}
                           OR t.microsoft_tenant_id::text ILIKE ${pattern})`);
  }
  return where;
}

function keyset(after: TenantCursor | null): Prisma.Sql {
  if (after === null) return Prisma.sql`true`;
  return after.order === "name"
    ? Prisma.sql`(t.display_name, t.id) > (${after.name}, ${after.id}::uuid)`
    : Prisma.sql`(a.last_activity_at, a.tenant_id) < (${after.at}::timestamptz, ${after.id}::uuid)`;
}

async function withReadiness(db: Db, tenants: SelectedTenant[], filter: ReadinessFilter): Promise<SelectedTenant[]> {
  const inputs = await bulkStartInputs(db, tenants.map((tenant) => tenant.id), filter, { kind: "system" });
  // Judged once per readiness group, not once per tenant: the same answers, a handful of decisions.
  const matching = new Set<number>();
  for (const group of await readinessGroups(db, inputs)) {
    if (matchesReadiness(group.preview, filter)) for (const member of group.members) matching.add(member);
  }
  return tenants.filter((_, index) => matching.has(index));
}

/** The ids of every tenant matching the filter (readiness aside), for counts over all of them. */
export async function selectTenantIds(db: Db, scope: TenantScope, filter: TenantFilter): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT t.id FROM tenants t JOIN tenant_activity a ON a.tenant_id = t.id
     WHERE ${Prisma.join(conditions(scope, filter), " AND ")}`;
  return rows.map((row) => row.id);
}

function toSelected(row: TenantRow): SelectedTenant {
  return {
    id: row.id,
    slug: row.slug,
    displayName: row.display_name,
    workspaceId: row.workspace_id,
    status: row.status,
    microsoftTenantId: row.microsoft_tenant_id,
    primaryDomain: row.primary_domain,
    lastActivityAt: row.last_activity_at,
  };
}
