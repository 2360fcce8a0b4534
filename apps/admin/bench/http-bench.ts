// `npm run bench:http` — operations.start over HTTP against the gate in-process, side by side.
// Not a timed test: figures depend on the machine; docs/benchmarks.md records them.
//
// The admin server runs as production runs it (server-process.ts: the build `npm start` makes,
// NODE_ENV=production, JSON log lines to a pipe) on a throw-away database with 1,000 ready tenants.
// 16 operators, each signed in with their own session and keep-alive connection, call
// operations.start (tRPC over HTTP, superjson); in the same run this process calls startOperation
// directly, with a client configured as the server's. Cases, each 1,000 calls at 16 in flight:
//   http_accepted   operations.start over HTTP, every call on a free scope (one per tenant)
//   http_deduped    the same calls again: every scope is held by that operation → deduped
//   gate_accepted   startOperation in this process on free scopes
//   gate_deduped    the same calls again → deduped
// Rounds interleave the two paths (alternating which goes first) and each case reports its median
// round, so a noisy neighbour hits both alike instead of skewing the ratio; each round's own ratio is
// printed too. Three warm-up rounds come first (BENCH_WARM_UP_ROUNDS), printed and not counted: the
// figures are those of a server that has been running, as in service.
import { cpus, loadavg } from "node:os";
import { generateEncryptionKeyText } from "@tenantpilot/auth";
import { createPrismaClient, resolveDatabase } from "@tenantpilot/db";
import { startOperation, type StartInput } from "@tenantpilot/dispatch-gate";
import {
  createBenchDatabase,
  line,
  measure,
  parentPid,
  percentile,
  processCpuSeconds,
  resetScopes,
  seedTenants,
  summarise,
  type CaseSummary,
  type Measurement,
  type MeasureOptions,
} from "@tenantpilot/dispatch-gate/bench";
import { buildAdminApp, startAdminProcess, type AdminProcess } from "../server-process";
import { operatorPassword, seedOperators } from "./bench-operators";
import { OperatorClient } from "./operator-client";

const TENANTS = 1_000;
const OPERATORS = 16;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARM_UP_ROUNDS = Number(process.env.BENCH_WARM_UP_ROUNDS ?? 3);
const OPERATION = "inventory.sync";

const out = (text: string) => process.stdout.write(`${text}\n`);
const load = () => loadavg().map((value) => value.toFixed(1)).join(" ");

out("bench-http: building the admin app as npm start does (cached when unchanged)…");
buildAdminApp();

const server = await resolveDatabase();
const bench = await createBenchDatabase(server.url);
const seedDb = createPrismaClient(bench.url, { maxConnections: 2 });
// The in-process gate gets a client configured exactly as the admin server's own (main.ts).
const gateDb = createPrismaClient(bench.url);
let admin: AdminProcess | undefined;
let logLines = 0;
const clients: OperatorClient[] = [];
try {
  const setting = async (name: string) => (await seedDb.$queryRaw<{ v: string }[]>`SELECT current_setting(${name}) AS v`)[0]?.v ?? "?";
  out(
    `bench-http: node ${process.version}, ${cpus().length} cpus, PostgreSQL ${await setting("server_version")} ` +
      `(${server.source}, synchronous_commit=${await setting("synchronous_commit")}), load average ${load()}`,
  );

  // PostgreSQL's CPU is this cluster's (its postmaster and backends): other clusters on a shared machine are not ours.
  const [backend] = await seedDb.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const postmasterPid = parentPid(backend!.pid);
  const tenantIds = await seedTenants(seedDb, TENANTS);
  const operators = await seedOperators(seedDb, OPERATORS);
  admin = await startAdminProcess({
    databaseUrl: bench.url,
    env: {
      APP_ENCRYPTION_KEY: generateEncryptionKeyText(),
      // The limiter still counts every call; its ceiling is raised so that the benchmark is not refused.
      RATE_LIMIT_MUTATIONS_PER_MINUTE: "1000000000",
    },
    // BENCH_ADMIN_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", shows where the server's time goes.
    nodeArgs: (process.env.BENCH_ADMIN_NODE_ARGS ?? "").split(" ").filter(Boolean),
    // Its log lines go through a pipe, as to a log collector, and are counted.
    onStdout: (chunk) => {
      for (const byte of chunk) if (byte === 10) logLines++;
    },
  });
  const adminUrl = admin.url;
  for (const operator of operators) {
    const client = new OperatorClient(adminUrl, operator.id);
    await client.login(operator.email, operatorPassword);
    clients.push(client);
  }
  // Planner statistics for the seeded tables and the sessions just made, as a database in service has
  // them: otherwise the plans of the first rounds depend on when autovacuum happens to visit the new rows.
  await seedDb.$executeRawUnsafe("ANALYZE");
  const adminPid = admin.pid;
  const overHttpCpu = { serverCpuSeconds: () => processCpuSeconds(adminPid), postmasterPid };
  const inProcessCpu = { postmasterPid };

  // Call i starts inventory.sync on tenant i: free in the accepted phase, held (deduped) after it.
  const overHttp = (expected: string) => async (i: number, caller: number) => {
    const outcome = await clients[caller]!.start(`bench-${(i % TENANTS) + 1}`, OPERATION);
    if (outcome !== expected) throw new Error(`http call ${i} answered ${outcome}, expected ${expected}`);
  };
  const inProcess = (expected: string) => async (i: number, caller: number) => {
    const input: StartInput = { tenantId: tenantIds[i % TENANTS]!, operation: OPERATION, initiator: { kind: "user", userId: operators[caller]!.id } };
    const result = await startOperation(gateDb, input);
    if (result.outcome !== expected) throw new Error(`gate call ${i} answered ${result.outcome}, expected ${expected}`);
  };
  const cases = {
    http_accepted: [] as Measurement[],
    http_deduped: [] as Measurement[],
    gate_accepted: [] as Measurement[],
    gate_deduped: [] as Measurement[],
  };
  // One round of a path: its accepted phase, then its deduped phase on the same scopes, then every scope freed.
  const roundOf =
    (call: (expected: string) => (i: number, caller: number) => Promise<void>, cpu: MeasureOptions, into: [Measurement[], Measurement[]]) =>
    async (n: number, keep: boolean): Promise<Measurement> => {
      const accepted = await measure(OPERATORS, n, call("accepted"), cpu);
      const deduped = await measure(OPERATORS, n, call("deduped"), cpu);
      if (keep) {
        into[0].push(accepted);
        into[1].push(deduped);
      }
      await resetScopes(seedDb);
      return accepted;
    };
  const httpRound = roundOf(overHttp, overHttpCpu, [cases.http_accepted, cases.http_deduped]);
  const gateRound = roundOf(inProcess, inProcessCpu, [cases.gate_accepted, cases.gate_deduped]);

  // Warm-up, printed but not counted: connections, prepared plans, and above all the JIT of a freshly started
  // server, which reaches its steady pace only after some ten thousand requests (docs/benchmarks.md: with a
  // 300-call warm-up the first two rounds ran at 60–70 % of the later ones; warming the database through the
  // in-process gate alone left them there, so the cold part is the server process).
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    const http = await httpRound(TENANTS, false);
    const gate = await gateRound(TENANTS, false);
    out(
      `warm-up=${round + 1} http_accepted_per_s=${http.perSecond.toFixed(0)} gate_accepted_per_s=${gate.perSecond.toFixed(0)} ` +
        `http_p99_ms=${percentile([...http.latencies].sort((a, b) => a - b), 0.99).toFixed(1)}`,
    );
  }
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      await httpRound(TENANTS, true);
      await gateRound(TENANTS, true);
    } else {
      await gateRound(TENANTS, true);
      await httpRound(TENANTS, true);
    }
  }

  // Each round's two paths ran back to back: their ratio shows how much of the spread is the machine's.
  cases.http_accepted.forEach((http, round) => {
    const gate = cases.gate_accepted[round]!;
    out(
      `round=${round + 1} http_accepted_per_s=${http.perSecond.toFixed(0)} gate_accepted_per_s=${gate.perSecond.toFixed(0)} ` +
        `ratio=${(http.perSecond / gate.perSecond).toFixed(2)} http_p99_ms=${percentile([...http.latencies].sort((a, b) => a - b), 0.99).toFixed(1)}`,
    );
  });
  const summaries = {} as Record<keyof typeof cases, CaseSummary>;
  for (const [name, measured] of Object.entries(cases) as [keyof typeof cases, Measurement[]][]) {
    summaries[name] = summarise(measured);
    out(line(name, OPERATORS, summaries[name]));
  }
  out(`bench-http: ${logLines} log lines from the admin server; load average ${load()}`);
  const http = summaries.http_accepted;
  const gate = summaries.gate_accepted;
  out(
    `bench-http: http_accepted_per_s=${http.perSecond.toFixed(0)} gate_accepted_per_s=${gate.perSecond.toFixed(0)} ` +
      `ratio=${(http.perSecond / gate.perSecond).toFixed(2)} http_p99_ms=${http.p99Ms.toFixed(1)} ` +
      `http_deduped_p99_ms=${summaries.http_deduped.p99Ms.toFixed(1)}`,
  );
} finally {
  for (const client of clients) client.close();
  await admin?.stop();
  await gateDb.$disconnect();
  await seedDb.$disconnect();
  await bench.drop();
  await server.stop();
}
