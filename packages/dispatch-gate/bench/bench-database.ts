import { randomBytes } from "node:crypto";
import { allPermissionsForBench } from "./permissions";
import { createDatabase, dropDatabase, migrate, type PrismaClient } from "@tenantpilot/db";

/**
 * A database created for this run on the resolved server and dropped afterwards: the benchmark
 * never touches the product's own data.
 */
export async function createBenchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gate_bench_${randomBytes(4).toString("hex")}`;
  const url = await createDatabase(serverUrl, name);
  await migrate({ databaseUrl: url });
  return { url, drop: () => dropDatabase(serverUrl, name) };
}

/** `count` operable tenants, each with a primary connection that passes every preflight rule. */
export async function seedTenants(db: PrismaClient, count: number): Promise<string[]> {
  const [workspace] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO workspaces (slug, name) VALUES ('bench', 'Gate benchmark') RETURNING id`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO tenants (workspace_id, slug, display_name, microsoft_tenant_id, status)
    SELECT ${workspace!.id}::uuid, 'bench-' || i, 'Bench tenant ' || i, gen_random_uuid(), 'active'
      FROM generate_series(1, ${count}::int) AS i
    RETURNING id`;
  await db.$executeRaw`
    INSERT INTO provider_connections (tenant_id, display_name, client_id, client_secret_encrypted,
                                      client_secret_expires_at, consent_state, granted_permissions, is_primary)
    SELECT id, 'Bench app', gen_random_uuid(), 'sealed:bench', now() + interval '90 days', 'granted',
           ${allPermissionsForBench}::text[], true
      FROM tenants WHERE workspace_id = ${workspace!.id}::uuid`;
  return rows.map((row) => row.id);
}

/** Frees every scope between cases (outside the timed window) so each admission case starts equal. */
export async function resetScopes(db: PrismaClient): Promise<void> {
  await db.$executeRaw`UPDATE operation_runs SET status = 'succeeded', finished_at = now() WHERE status IN ('queued', 'running')`;
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
  await db.$executeRawUnsafe(`VACUUM ANALYZE operation_runs`);
  await db.$executeRawUnsafe(`VACUUM ANALYZE graphile_worker._private_jobs`);
}
