// `npm run bench:bulk` — set-based preflight and admission over 10,000 tenants, against two
// references measured in the same run: the raw set-based limit (one INSERT … SELECT of 10,000
// queued runs plus one graphile_worker.add_jobs over them, one transaction, no preflight) and the
// single-start accepted rate of the gate (startOperation, 16 in flight).
// Not a timed test: figures depend on the machine; docs/benchmarks.md records them.
//
// Cases, interleaved in rounds so a slow period of the shared machine hits all of them alike:
//   preview_many   previewMany over every tenant (one context read + decideStart per tenant)
//   start_many     startMany over every tenant: batch row, contexts, decisions, runs + jobs (an accepted
//                  tenant's batch row is its run), the other batch rows, audit
//   raw_bulk       INSERT … SELECT of the runs + add_jobs over them, nothing else
//   single         startOperation accepted, 2,000 starts, 16 in flight
// Each case reports its median round, and ratio is the median of the per-round start_many ÷ raw_bulk
// (measured back to back); CPU per 1,000 tenants shows where the time goes. The last line is the summary.
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import { createPrismaClient, resolveDatabase, type PrismaClient } from "@tenantpilot/db";
import { previewMany, startMany, startOperation, type BulkTenant } from "../src";
import { createBenchDatabase, resetScopes, seedTenants } from "./bench-database";
import { cpuSnapshot } from "./cpu-usage";
import { measure } from "./measure";

const TENANTS = Number(process.env.BENCH_BULK_TENANTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_BULK_ROUNDS ?? 5);
const SINGLE_STARTS = 2_000;
const system = { kind: "system" } as const;
const out = (text: string) => process.stdout.write(`${text}\n`);

const server = await resolveDatabase();
const bench = await createBenchDatabase(server.url);
const prisma = createPrismaClient(bench.url, { maxConnections: 20 });
try {
  const setting = async (name: string) => (await prisma.$queryRaw<{ v: string }[]>`SELECT current_setting(${name}) AS v`)[0]?.v ?? "?";
  out(
    `bulk-bench: node ${process.version}, ${cpus().length} cpus, PostgreSQL ${await setting("server_version")} ` +
      `(${server.source}, synchronous_commit=${await setting("synchronous_commit")}, fsync=${await setting("fsync")}), tenants=${TENANTS}`,
  );
  await seedTenants(prisma, TENANTS);
  const [workspace] = await prisma.$queryRaw<{ id: string }[]>`SELECT id FROM workspaces WHERE slug = 'bench'`;
  const workspaceId = workspace!.id;
  const tenants = await prisma.$queryRaw<BulkTenant[]>`
    SELECT id, slug, display_name AS "displayName" FROM tenants WHERE workspace_id = ${workspaceId}::uuid ORDER BY display_name, id`;
  await prisma.$executeRawUnsafe("ANALYZE");

  /** CPU seconds of this process and of PostgreSQL per case, summed over the measured rounds. */
  const cpu: Record<string, { node: number; postgres: number }> = {};
  let measuring = false;
  const timed = async (work: () => Promise<unknown>, name = ""): Promise<number> => {
    const before = cpuSnapshot();
    const started = performance.now();
    await work();
    const seconds = (performance.now() - started) / 1000;
    const after = cpuSnapshot();
    if (measuring) {
      const sum = (cpu[name] ??= { node: 0, postgres: 0 });
      sum.node += after.node - before.node;
      sum.postgres += after.postgres - before.postgres;
    }
    return seconds;
  };
  const preview = () =>
    timed(async () => {
      const result = await previewMany(prisma, { operation: "inventory.sync", tenants, initiator: system });
      if (result.rollup.byOutcome.ready !== TENANTS) throw new Error(`preview: ${JSON.stringify(result.rollup)}`);
    }, "preview_many");
  const bulk = () =>
    timed(async () => {
      const result = await startMany(prisma, {
        workspaceId,
        operation: "inventory.sync",
        tenants,
        initiator: system,
        idempotencyKey: randomUUID(),
        selection: { kind: "filter", filter: {} },
      });
      if (result.rollup.byOutcome.accepted !== TENANTS) throw new Error(`start_many: ${JSON.stringify(result.rollup)}`);
    }, "start_many");
  const raw = () => timed(() => rawBulk(prisma, workspaceId), "raw_bulk");
  const single = async () => {
    const measured = await measure(16, SINGLE_STARTS, async (i) => {
      const result = await startOperation(prisma, { tenantId: tenants[i % TENANTS]!.id, operation: "inventory.sync", initiator: system });
      if (result.outcome !== "accepted") throw new Error(`single answered ${result.outcome}`);
    });
    return measured.perSecond;
  };

  // Warm-up: connections, plans.
  await preview();
  await bulk();
  await resetScopes(prisma);
  await raw();
  await resetScopes(prisma);

  const rates: Record<"preview" | "startMany" | "raw" | "single" | "ratio", number[]> = { preview: [], startMany: [], raw: [], single: [], ratio: [] };
  measuring = true;
  for (let round = 0; round < ROUNDS; round++) {
    rates.preview.push(TENANTS / (await preview()));
    // start_many and raw_bulk back to back, alternating which goes first: their ratio is the figure.
    const pair: { startMany?: number; raw?: number } = {};
    for (const which of round % 2 === 0 ? (["startMany", "raw"] as const) : (["raw", "startMany"] as const)) {
      pair[which] = TENANTS / (await (which === "startMany" ? bulk() : raw()));
      await resetScopes(prisma);
    }
    rates.startMany.push(pair.startMany!);
    rates.raw.push(pair.raw!);
    rates.ratio.push(pair.startMany! / pair.raw!);
    rates.single.push(await single());
    await resetScopes(prisma);
    out(
      `round=${round + 1} preview_per_s=${last(rates.preview)} start_many_per_s=${last(rates.startMany)} ` +
        `raw_bulk_per_s=${last(rates.raw)} single_accepted_per_s=${last(rates.single)} ratio=${(rates.ratio[round] ?? 0).toFixed(2)}`,
    );
  }
  for (const [name, used] of Object.entries(cpu)) {
    // PostgreSQL's figure sums every postgres process on the machine; one that exits mid-case (another
    // cluster's backend) makes it meaningless, shown as n/a.
    const postgres = used.postgres >= 0 ? ((used.postgres * 1e6) / (TENANTS * ROUNDS)).toFixed(1) : "n/a";
    out(`cpu case=${name} node_ms_per_1000=${((used.node * 1e6) / (TENANTS * ROUNDS)).toFixed(1)} postgres_ms_per_1000=${postgres}`);
  }
  const m = Object.fromEntries(Object.entries(rates).map(([name, values]) => [name, median(values)])) as Record<keyof typeof rates, number>;
  // Rates are median rounds; the ratio is the median of the per-round ratios (side by side).
  out(
    `bench-bulk: tenants=${TENANTS} preview_per_s=${m.preview.toFixed(0)} start_many_per_s=${m.startMany.toFixed(0)} ` +
      `raw_bulk_per_s=${m.raw.toFixed(0)} single_accepted_per_s=${m.single.toFixed(0)} ratio=${m.ratio.toFixed(2)}`,
  );
} finally {
  await prisma.$disconnect();
  await bench.drop();
  await server.stop();
}

/** The reference: the same runs and jobs, admitted with nothing else (no preflight, batch, audit). */
async function rawBulk(db: PrismaClient, workspaceId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ jobs: number }[]>`
      WITH runs AS (
        INSERT INTO operation_runs (tenant_id, operation, target_kind, target_id, scope_key, status, initiator_kind,
                                    provider_connection_id, connection_snapshot, max_attempts)
        SELECT t.id, 'inventory.sync', 'tenant', t.id::text, 'policies', 'queued', 'system', c.id,
               jsonb_build_object('id', c.id, 'displayName', c.display_name, 'clientId', c.client_id, 'identityVersion', c.identity_version), 3
          FROM tenants t JOIN provider_connections c ON c.tenant_id = t.id AND c.is_primary
         WHERE t.workspace_id = ${workspaceId}::uuid
        RETURNING id, tenant_id, scope_key)
      SELECT count(*)::int AS jobs FROM graphile_worker.add_jobs(ARRAY(
        SELECT ROW('inventory_sync', json_build_object('runId', r.id), NULL, NULL, 3, 'run:' || r.tenant_id || ':' || r.scope_key, 0, NULL)::graphile_worker.job_spec
          FROM runs r))`;
    if (row?.jobs !== TENANTS) throw new Error(`raw_bulk added ${row?.jobs} jobs`);
    // The same time limit as startMany's transaction: under load Prisma's default five seconds ended
    // the reference's commit (P2028) and with it the whole run.
  }, { timeout: 120_000, maxWait: 120_000 });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function last(values: number[]): string {
  return (values[values.length - 1] ?? 0).toFixed(0);
}
