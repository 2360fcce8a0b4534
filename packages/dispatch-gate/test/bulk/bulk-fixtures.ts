// Many ready tenants in one workspace, seeded by SQL (hundreds or thousands in a few statements).
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@tenantpilot/db";
import type { BulkTenant } from "../../src/contract";
import { allPermissions } from "../fixtures";

export async function seedReadyTenants(db: PrismaClient, count: number, options: { workspaceId?: string; prefix?: string } = {}) {
  const workspaceId =
    options.workspaceId ?? (await db.workspace.create({ data: { slug: `bulk-${randomUUID().slice(0, 8)}`, name: "Bulk" } })).id;
  const prefix = options.prefix ?? `b${randomUUID().slice(0, 6)}`;
  const tenants = await db.$queryRaw<BulkTenant[]>`
    INSERT INTO tenants (workspace_id, slug, display_name, microsoft_tenant_id, status)
    SELECT ${workspaceId}::uuid, ${prefix} || '-' || i, 'Tenant ' || lpad(i::text, 6, '0'), gen_random_uuid(), 'active'
      FROM generate_series(1, ${count}::int) AS i
    RETURNING id, slug, display_name AS "displayName"`;
  await db.$executeRaw`
    INSERT INTO provider_connections (tenant_id, display_name, client_id, client_secret_encrypted, client_secret_expires_at,
                                      consent_state, granted_permissions, is_primary)
    SELECT t.id, 'Graph app', gen_random_uuid(), 'sealed:v1:test', now() + interval '90 days', 'granted', ${allPermissions}::text[], true
      FROM tenants t WHERE t.id = ANY(${tenants.map((t) => t.id)}::uuid[])`;
  return { workspaceId, tenants };
}

export const everyTenant = { kind: "filter", filter: {} } as const;

/** The database's own count of active runs per scope: never above 1 (the index), checked anyway. */
export async function maxActivePerScope(db: PrismaClient): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number | null }[]>`
    SELECT max(c)::int AS n FROM (SELECT count(*) AS c FROM operation_runs WHERE status IN ('queued', 'running') GROUP BY tenant_id, scope_key) x`;
  return row?.n ?? 0;
}
