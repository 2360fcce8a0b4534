// `npm start`: the whole product on one machine. Starts PostgreSQL (embedded unless DATABASE_URL
// is set), migrates, seeds an empty database with the demo workspace, builds the admin app — its
// pages and its compiled server — when its sources changed (turbo's cache), then runs the admin
// server and the worker until Ctrl-C, starting either again if it exits (scripts/supervisor.ts).
// Ctrl-C stops the worker first (no new jobs, running ones finish or end as worker_lost), then the
// admin, then the database.
import { fileURLToPath } from "node:url";
import { createPrismaClient, migrate, resolveDatabase } from "@tenantpilot/db";
import { seedDemoIfEmpty, demoLogins } from "../prisma/seed";
import { adminServerArgs, buildAdminApp } from "../apps/admin/server-process";
import { supervise, type Supervised } from "./supervisor";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const say = (line: string) => process.stdout.write(`${line}\n`);

say("TenantPilot Gate — starting");
// The embedded cluster is kept running like the admin and the worker: if it dies, it is started
// again on the same port and both reconnect by themselves (503 + Retry-After meanwhile).
const database = await resolveDatabase({ onRestart: (notice) => say(`! ${notice}`) });
say(database.source === "embedded" ? "• database: embedded PostgreSQL (.data/postgres)" : "• database: DATABASE_URL");

// The worker may need its grace period (WORKER_SHUTDOWN_GRACE_MS, 5 s) plus ending its runs.
const WORKER_STOP_MS = 20_000;
const ADMIN_STOP_MS = 10_000;
let worker: Supervised | undefined;
let admin: Supervised | undefined;
let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say("• stopping: worker…");
    await worker?.stop(WORKER_STOP_MS);
    say("• stopping: admin…");
    await admin?.stop(ADMIN_STOP_MS);
    say("• stopping: database…");
    await database.stop();
    say("• stopped");
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

try {
  const migrated = await migrate({ databaseUrl: database.url });
  say(`• migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already in place`);

  const prisma = createPrismaClient(database.url, { maxConnections: 2 });
  try {
    const seeded = await seedDemoIfEmpty(prisma);
    say(seeded ? "• demo workspace seeded" : "• existing data kept (no seed)");
  } finally {
    await prisma.$disconnect();
  }

  say("• building the admin app (cached when unchanged)…");
  buildAdminApp();
} catch (error) {
  process.stderr.write(`start failed: ${(error as Error).message}\n`);
  await stop(1);
}

const env = {
  ...process.env,
  DATABASE_URL: database.url,
  PORT: String(port),
  NODE_ENV: process.env.NODE_ENV ?? "production",
  // Log lines for a person at a terminal; production runs the processes directly and gets JSON.
  LOG_FORMAT: process.env.LOG_FORMAT ?? "pretty",
};
if (!stopping) {
  // The admin runs the JavaScript the build compiled (ADR 022); the worker runs its sources through tsx.
  admin = supervise({ name: "admin", args: adminServerArgs() }, { cwd: root, env, say });
  worker = supervise({ name: "worker", args: ["--import", "tsx", "apps/worker/src/main.ts"] }, { cwd: root, env, say });
}

say("");
say(`TenantPilot Gate is starting on http://localhost:${port}`);
say("Log in with a demo account (password for all: see below):");
for (const login of demoLogins) say(`  ${login.role.padEnd(9)} ${login.email}`);
say(`  password: ${demoLogins[0]?.password ?? ""}`);
say("Microsoft Graph: sandbox tenant (no Microsoft account needed). Ctrl-C stops everything.");
