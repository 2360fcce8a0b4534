// `npm run bench:gate` — admission throughput of the dispatch gate against plain add_job.
// Not a timed test: figures depend on the machine; docs/benchmarks.md records them.
//
// Cases, each at concurrency 1, 16 and 64 (calls in flight from one Prisma client):
//   raw_add_job  SELECT graphile_worker.add_job(...) alone, distinct job keys, same client, pool and path (queryRows)
//   accepted     startOperation admitting a run on a free scope (read + preflight + admission)
//   rejected     startOperation on a held scope, answered deduped / scope_busy (read only)
// The three cases run interleaved in rounds and each is summarised by its median round, so a
// slowdown of the machine hits all of them alike instead of skewing the ratio.
import { cpus } from "node:os";
import { createPrismaClient, Prisma, queryRows, resolveDatabase } from "@tenantpilot/db";
import { startOperation, type StartInput } from "../src";
import { createBenchDatabase, resetScopes, seedTenants } from "./bench-database";
import { line, measure, summarise, type CaseSummary, type Measurement } from "./measure";

const CONCURRENCIES = [1, 16, 64] as const;
const ROUNDS = 5;
const opsPerRound = (concurrency: number) => (concurrency === 1 ? 200 : 1000);
/** Each accepted op needs a free scope; two scopes per tenant. */
const TENANTS = 500;

const out = (text: string) => process.stdout.write(`${text}\n`);
const system = { kind: "system" } as const;

const server = await resolveDatabase();
const bench = await createBenchDatabase(server.url);
const prisma = createPrismaClient(bench.url, { maxConnections: 70 });
try {
  const setting = async (name: string) =>
    (await prisma.$queryRaw<{ v: string }[]>`SELECT current_setting(${name}) AS v`)[0]?.v ?? "?";
  out(
    `gate-bench: node ${process.version}, ${cpus().length} cpus, PostgreSQL ${await setting("server_version")} ` +
      `(${server.source}, synchronous_commit=${await setting("synchronous_commit")}, fsync=${await setting("fsync")})`,
  );

  const tenants = await seedTenants(prisma, TENANTS);
  // Op i admits scope i: tenant i/2, "policies" (backup.capture) or "directory" (directory.sync).
  const admission = (i: number): StartInput => ({
    tenantId: tenants[Math.floor(i / 2) % TENANTS]!,
    operation: i % 2 === 0 ? "backup.capture" : "directory.sync",
    initiator: system,
  });
  // After an accepted round of n ops, tenants[0 .. n/2) hold both scopes: inventory.sync meets
  // backup.capture on "policies" (scope_busy), directory.sync meets itself (deduped).
  const rejection = (i: number, held: number): StartInput => ({
    tenantId: tenants[Math.floor(i / 2) % held]!,
    operation: i % 2 === 0 ? "inventory.sync" : "directory.sync",
    initiator: system,
  });

  let keySeq = 0;
  // Sent the way the gate sends its own statements (queryRows: node-postgres on the client's pool, prepared), so the
  // ratio compares the gate's work with add_job's, not two ways of reaching the database.
  const rawAddJob = () =>
    queryRows(prisma, Prisma.sql`SELECT graphile_worker.add_job('inventory_sync', json_build_object('runId', gen_random_uuid()),
                                                     job_key => ${`raw:${keySeq++}`}, max_attempts => 3)`);
  const admit = async (i: number) => {
    const result = await startOperation(prisma, admission(i));
    if (result.outcome !== "accepted") throw new Error(`accepted case answered ${result.outcome}`);
  };
  const reject = (held: number) => async (i: number) => {
    const result = await startOperation(prisma, rejection(i, held));
    if (result.outcome !== "deduped" && result.outcome !== "scope_busy") throw new Error(`rejected case answered ${result.outcome}`);
  };

  // Warm-up: connections, plans, JIT.
  await measure(16, 300, rawAddJob);
  await measure(16, 300, admit);
  await resetScopes(prisma);

  const summaries = new Map<string, CaseSummary>();
  for (const concurrency of CONCURRENCIES) {
    const n = opsPerRound(concurrency);
    const rounds: Record<"raw" | "accepted" | "rejected", Measurement[]> = { raw: [], accepted: [], rejected: [] };
    for (let round = 0; round < ROUNDS; round++) {
      rounds.raw.push(await measure(concurrency, n, rawAddJob));
      await resetScopes(prisma);
      rounds.accepted.push(await measure(concurrency, n, admit));
      rounds.rejected.push(await measure(concurrency, n, reject(Math.floor(n / 2))));
      await resetScopes(prisma);
    }
    for (const [name, measured] of Object.entries(rounds)) {
      const summary = summarise(measured);
      summaries.set(`${name}:${concurrency}`, summary);
      out(line(name === "raw" ? "raw_add_job" : name, concurrency, summary));
    }
  }

  const raw16 = summaries.get("raw:16")!;
  const accepted16 = summaries.get("accepted:16")!;
  const rejected16 = summaries.get("rejected:16")!;
  out(
    `gate-bench: accepted_per_s=${accepted16.perSecond.toFixed(0)} raw_add_job_per_s=${raw16.perSecond.toFixed(0)} ` +
      `ratio=${(accepted16.perSecond / raw16.perSecond).toFixed(2)} rejected_per_s=${rejected16.perSecond.toFixed(0)} ` +
      `p99_ms=${accepted16.p99Ms.toFixed(1)}`,
  );
} finally {
  await prisma.$disconnect();
  await bench.drop();
  await server.stop();
}
