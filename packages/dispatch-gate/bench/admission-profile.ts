// `npx tsx packages/dispatch-gate/bench/admission-profile.ts` — where a bulk admission's time goes, statement by
// statement, over 10,000 ready tenants: admit_operation_runs as startMany calls it, then its two statements one by
// one (runs, jobs; it writes no batch rows since ADR 036), then the raw_bulk reference's two — each under
// EXPLAIN (ANALYZE, BUFFERS), in transactions that are rolled back. Three rounds. A tool for reading plans and
// attributing time, not the benchmark (bench:bulk is); docs/benchmarks.md has what it found.
import { randomUUID } from "node:crypto";
import { createPrismaClient, resolveDatabase, type Tx } from "@tenantpilot/db";
import { createBenchDatabase, seedTenants } from "./bench-database";

const TENANTS = Number(process.env.BENCH_BULK_TENANTS ?? 10_000);
const out = (text: string) => process.stdout.write(`${text}\n`);
/** Thrown to roll a measured transaction back. */
class RolledBack extends Error {}

const server = await resolveDatabase();
const bench = await createBenchDatabase(server.url);
const prisma = createPrismaClient(bench.url, { maxConnections: 2 });
try {
  await seedTenants(prisma, TENANTS);
  await prisma.$executeRawUnsafe("ANALYZE");
  const [workspace] = await prisma.$queryRaw<{ id: string }[]>`SELECT id FROM workspaces WHERE slug = 'bench'`;
  const workspaceId = workspace!.id;
  // The admission's input document, as admitRuns builds it.
  const [plan] = await prisma.$queryRaw<{ runs: string }[]>`
    SELECT json_agg(json_build_object('tenant_id', t.id, 'target_kind', 'tenant', 'target_id', t.id, 'scope_key', 'policies',
             'connection_id', c.id, 'snapshot', json_build_object('id', c.id, 'displayName', c.display_name, 'clientId', c.client_id, 'identityVersion', c.identity_version),
             'job_key', 'run:' || t.id || ':policies'))::text AS runs
      FROM tenants t JOIN provider_connections c ON c.tenant_id = t.id AND c.is_primary WHERE t.workspace_id = ${workspaceId}::uuid`;
  const runs = plan!.runs;

  const explain = async (tx: Tx, label: string, sql: string, ...params: unknown[]) => {
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, ...params);
    const lines = rows.map((row) => row["QUERY PLAN"]);
    out(`== ${label}: ${lines.find((line) => line.startsWith("Execution Time")) ?? "?"}`);
    for (const line of lines.filter((text) => text.startsWith("Trigger"))) out(`   ${line}`);
  };
  const rolledBack = async (work: (tx: Tx) => Promise<void>) => {
    try {
      await prisma.$transaction(async (tx) => {
        await work(tx);
        throw new RolledBack();
      }, { timeout: 600_000, maxWait: 600_000 });
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
    }
  };
  const newBatch = async (tx: Tx) =>
    (
      await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO batches (workspace_id, operation, target_kind, selection, initiator_kind, idempotency_key, tenant_count)
        VALUES (${workspaceId}::uuid, 'inventory.sync', 'tenant', '{}'::jsonb, 'system', ${randomUUID()}, ${TENANTS}) RETURNING id`
    )[0]!.id;

  for (let round = 1; round <= 3; round++) {
    out(`#### round ${round}`);
    // The admission as startMany runs it: one function call (its inner statements are not itemised here).
    await rolledBack(async (tx) => {
      const batchId = await newBatch(tx);
      await explain(tx, "admit_operation_runs (whole)", `SELECT count(*) FROM admit_operation_runs($1::uuid, $2::uuid, 'inventory.sync', 'inventory_sync', 3, 10, 'system', NULL::uuid, $3::jsonb)`, batchId, workspaceId, runs);
    });
    // Its two statements one by one, with their triggers (foreign keys, tenant activity). Since ADR 036 it
    // writes no batch rows: an accepted tenant's row is its run (measured before: docs/benchmarks.md).
    await rolledBack(async (tx) => {
      const batchId = await newBatch(tx);
      await explain(
        tx,
        "runs insert",
        `INSERT INTO operation_runs (tenant_id, operation, target_kind, target_id, scope_key, status, initiator_kind, initiator_user_id,
                                     provider_connection_id, connection_snapshot, max_attempts, batch_id)
         SELECT w.tenant_id, 'inventory.sync', w.target_kind, w.target_id, w.scope_key, 'queued', 'system', NULL, w.connection_id, w.snapshot, 3, $1::uuid
           FROM jsonb_to_recordset($2::jsonb) AS w(tenant_id uuid, target_kind text, target_id text, scope_key text, connection_id uuid, snapshot jsonb, job_key text)
          ORDER BY w.tenant_id, w.scope_key
         ON CONFLICT (tenant_id, scope_key) WHERE status IN ('queued', 'running') DO NOTHING`,
        batchId,
        runs,
      );
      await explain(
        tx,
        "add_jobs (named queues)",
        `SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
           SELECT ROW('inventory_sync', json_build_object('runId', r.id), 'batch:' || $2::text || ':' || (row_number() OVER () % 4)::text,
                      NULL::timestamptz, 3, 'run:' || r.tenant_id || ':' || r.scope_key, 10, NULL::text[])::graphile_worker.job_spec
             FROM operation_runs r WHERE r.batch_id = $1::uuid))`,
        batchId,
        workspaceId,
      );
    });
    // The bench's reference (raw_bulk), the same way.
    await rolledBack(async (tx) => {
      await explain(
        tx,
        "raw runs insert",
        `INSERT INTO operation_runs (tenant_id, operation, target_kind, target_id, scope_key, status, initiator_kind, provider_connection_id, connection_snapshot, max_attempts)
         SELECT t.id, 'inventory.sync', 'tenant', t.id::text, 'policies', 'queued', 'system', c.id,
                jsonb_build_object('id', c.id, 'displayName', c.display_name, 'clientId', c.client_id, 'identityVersion', c.identity_version), 3
           FROM tenants t JOIN provider_connections c ON c.tenant_id = t.id AND c.is_primary WHERE t.workspace_id = $1::uuid`,
        workspaceId,
      );
      await explain(
        tx,
        "raw add_jobs",
        `SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
           SELECT ROW('inventory_sync', json_build_object('runId', r.id), NULL, NULL, 3, 'run:' || r.tenant_id || ':' || r.scope_key, 0, NULL)::graphile_worker.job_spec
             FROM operation_runs r WHERE r.status = 'queued'))`,
      );
    });
  }
} finally {
  await prisma.$disconnect();
  await bench.drop();
  await server.stop();
}
