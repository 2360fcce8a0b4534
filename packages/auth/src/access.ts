import { Prisma, type Db } from "@tenantpilot/db";
import type { Capability } from "@tenantpilot/dispatch-gate/contract";
import { parseRole, roleCapabilities, type Role } from "./capabilities";
import { isUuid } from "@tenantpilot/dispatch-gate/contract";

// The one place that decides who may see which tenant. A user sees a tenant when they are a
// member of its workspace and either the membership covers all tenants or a
// tenant_entitlements row names this tenant. Every lookup is one indexed query; a miss is
// null whatever the reason, so callers cannot leak *why* (callers turn null into NOT_FOUND).

export type TenantStatus = "onboarding" | "active" | "archived";

export interface AccessibleTenant {
  id: string;
  workspaceId: string;
  slug: string;
  displayName: string;
  microsoftTenantId: string;
  status: TenantStatus;
}

export interface MembershipAccess {
  id: string;
  workspaceId: string;
  userId: string;
  role: Role;
  allTenants: boolean;
}

export interface TenantAccess {
  tenant: AccessibleTenant;
  membership: MembershipAccess;
  capabilities: readonly Capability[];
}

export interface WorkspaceAccess {
  workspace: { id: string; slug: string; name: string };
  membership: MembershipAccess;
  capabilities: readonly Capability[];
}

/** A tenant as a caller names it: by id or by slug. */
export type TenantKeyRef = { tenantId: string } | { tenantSlug: string };
export type TenantRef = { userId: string } & TenantKeyRef;
export type WorkspaceRef = { userId: string; workspaceId: string } | { userId: string; workspaceSlug: string };

export async function resolveTenantAccess(db: Db, ref: TenantRef): Promise<TenantAccess | null> {
  const query = tenantAccessQuery(ref);
  if (!query) return null;
  const rows = await db.$queryRaw<TenantAccessRow[]>(query);
  const row = rows[0];
  return row ? toTenantAccess(row) : null;
}

/** Null when an id cannot exist (not a UUID): answered without a query. Exported for the plan test. */
export function tenantAccessQuery(ref: TenantRef): Prisma.Sql | null {
  if (!isUuid(ref.userId)) return null;
  return tenantAccessQueryFor(Prisma.sql`${ref.userId}::uuid`, ref);
}

/**
 * The same read for a user id that another part of the statement supplies (`s.user_id` of a
 * session read: the start read-ahead, ADR 023). Null when the tenant id cannot exist.
 */
export function tenantAccessQueryFor(userId: Prisma.Sql, tenant: TenantKeyRef): Prisma.Sql | null {
  if ("tenantId" in tenant) {
    if (!isUuid(tenant.tenantId)) return null;
    return tenantAccessMatching(userId, Prisma.sql`t.id = ${tenant.tenantId}::uuid`);
  }
  return tenantAccessMatching(userId, Prisma.sql`t.slug = ${tenant.tenantSlug}`);
}

/**
 * The same read with the tenant's key supplied by the statement too, as an id or a slug of which one
 * is null (a group of start read-aheads, each naming its tenant its own way, ADR 043).
 */
export function tenantAccessByKeyQuery(userId: Prisma.Sql, tenant: { id: Prisma.Sql; slug: Prisma.Sql }): Prisma.Sql {
  // Not `t.id = … OR t.slug = …`: the planner cannot use either index for that, and scanned every tenant of
  // the caller's workspaces. The slug becomes an id first (tenants_slug_key), then tenants_pkey finds the tenant.
  return tenantAccessMatching(userId, Prisma.sql`t.id = COALESCE(${tenant.id}, (SELECT named.id FROM tenants named WHERE named.slug = ${tenant.slug}))`);
}

function tenantAccessMatching(userId: Prisma.Sql, match: Prisma.Sql): Prisma.Sql {
  // tenants_pkey / tenants_slug_key → memberships_workspace_id_user_id_key → tenant_entitlements_pkey
  return Prisma.sql`
    SELECT ${tenantAccessColumns}
    FROM tenants t
    JOIN memberships m ON m.workspace_id = t.workspace_id AND m.user_id = ${userId}
    WHERE ${match} AND ${entitled}`;
}

/** Every tenant the user may see, across their workspaces, ordered by name. */
export async function listAccessibleTenants(db: Db, userId: string): Promise<TenantAccess[]> {
  const query = accessibleTenantsQuery(userId);
  if (!query) return [];
  const rows = await db.$queryRaw<TenantAccessRow[]>(query);
  return rows.map(toTenantAccess);
}

export function accessibleTenantsQuery(userId: string): Prisma.Sql | null {
  if (!isUuid(userId)) return null;
  // memberships_user_id_idx → tenants_workspace_id_idx → tenant_entitlements_pkey
  return Prisma.sql`
    SELECT ${tenantAccessColumns}
    FROM memberships m
    JOIN tenants t ON t.workspace_id = m.workspace_id
    WHERE m.user_id = ${userId}::uuid AND ${entitled}
    ORDER BY t.display_name, t.slug`;
}

/**
 * The user's membership of a workspace (for workspace-level actions such as onboarding a new
 * tenant). Tenant entitlements do not narrow this; tenant pages use resolveTenantAccess.
 */
export async function resolveWorkspaceAccess(db: Db, ref: WorkspaceRef): Promise<WorkspaceAccess | null> {
  const query = workspaceAccessQuery(ref);
  if (!query) return null;
  const rows = await db.$queryRaw<WorkspaceAccessRow[]>(query);
  const row = rows[0];
  if (!row) return null;
  const membership = toMembership(row);
  return {
    workspace: { id: row.workspace_id, slug: row.workspace_slug, name: row.workspace_name },
    membership,
    capabilities: roleCapabilities[membership.role],
  };
}

export function workspaceAccessQuery(ref: WorkspaceRef): Prisma.Sql | null {
  if (!isUuid(ref.userId)) return null;
  let match: Prisma.Sql;
  if ("workspaceId" in ref) {
    if (!isUuid(ref.workspaceId)) return null;
    match = Prisma.sql`w.id = ${ref.workspaceId}::uuid`;
  } else {
    match = Prisma.sql`w.slug = ${ref.workspaceSlug}`;
  }
  // workspaces_pkey / workspaces_slug_key → memberships_workspace_id_user_id_key
  return Prisma.sql`
    SELECT w.id AS workspace_id, w.slug AS workspace_slug, w.name AS workspace_name,
           m.id AS membership_id, m.user_id, m.role, m.all_tenants
    FROM workspaces w
    JOIN memberships m ON m.workspace_id = w.id AND m.user_id = ${ref.userId}::uuid
    WHERE ${match}`;
}

/**
 * The same rule as a predicate over `tenants t`, for set-based reads (the tenants list, bulk
 * selections): the user is a member of the tenant's workspace and entitled to the tenant.
 */
export function tenantVisibleTo(userId: string): Prisma.Sql {
  if (!isUuid(userId)) return Prisma.sql`false`;
  return Prisma.sql`EXISTS (SELECT 1 FROM memberships m WHERE m.workspace_id = t.workspace_id AND m.user_id = ${userId}::uuid AND ${entitled})`;
}

const tenantAccessColumns = Prisma.sql`
  t.id AS tenant_id, t.workspace_id, t.slug, t.display_name, t.microsoft_tenant_id, t.status,
  m.id AS membership_id, m.user_id, m.role, m.all_tenants`;

const entitled = Prisma.sql`(m.all_tenants OR EXISTS (
  SELECT 1 FROM tenant_entitlements e WHERE e.membership_id = m.id AND e.tenant_id = t.id))`;

interface MembershipRow {
  workspace_id: string;
  membership_id: string;
  user_id: string;
  role: string;
  all_tenants: boolean;
}

/** One row of tenantAccessQuery; toTenantAccess reads it. */
export interface TenantAccessRow extends MembershipRow {
  tenant_id: string;
  slug: string;
  display_name: string;
  microsoft_tenant_id: string;
  status: string;
}

interface WorkspaceAccessRow extends MembershipRow {
  workspace_slug: string;
  workspace_name: string;
}

function toMembership(row: MembershipRow): MembershipAccess {
  return {
    id: row.membership_id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    role: parseRole(row.role),
    allTenants: row.all_tenants,
  };
}

export function toTenantAccess(row: TenantAccessRow): TenantAccess {
  const membership = toMembership(row);
  return {
    tenant: {
      id: row.tenant_id,
      workspaceId: row.workspace_id,
      slug: row.slug,
      displayName: row.display_name,
      microsoftTenantId: row.microsoft_tenant_id,
      status: row.status as TenantStatus, // tenants_status_check admits exactly these values
    },
    membership,
    capabilities: roleCapabilities[membership.role],
  };
}
