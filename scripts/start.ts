// `npm start`: the whole product on one machine. Starts PostgreSQL (embedded unless DATABASE_URL
// is set), migrates, seeds an empty database with the demo workspace, builds the admin app when
// its sources changed (turbo's cache), then runs the admin server and the worker until Ctrl-C.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createPrismaClient, migrate, resolveDatabase } from "@tenantpilot/db";
import { seedDemoIfEmpty, demoLogins } from "../prisma/seed";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const say = (line: string) => process.stdout.write(`${line}\n`);

say("TenantPilot Gate — starting");
const database = await resolveDatabase();
say(database.source === "embedded" ? "• database: embedded PostgreSQL (.data/postgres)" : "• database: DATABASE_URL");

const children: ChildProcess[] = [];
let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((child) => new Promise((resolve) => child.exitCode !== null ? resolve(null) : child.once("exit", resolve))));
    await database.stop();
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
  const build = spawnSync("npx", ["turbo", "run", "build", "--filter=@tenantpilot/admin", "--output-logs=errors-only"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("the admin app did not build");
} catch (error) {
  process.stderr.write(`start failed: ${(error as Error).message}\n`);
  await stop(1);
}

const env = {
  ...process.env,
  DATABASE_URL: database.url,
  PORT: String(port),
  NODE_ENV: process.env.NODE_ENV ?? "production",
};
function launch(name: string, script: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  child.once("exit", (code, signal) => {
    if (stopping) return;
    process.stderr.write(`${name} exited (${signal ?? code}); stopping\n`);
    void stop(code === 0 ? 1 : code ?? 1);
  });
  children.push(child);
  return child;
}
launch("admin", "apps/admin/server/main.ts");
launch("worker", "apps/worker/src/main.ts");

say("");
say(`TenantPilot Gate is starting on http://localhost:${port}`);
say("Log in with a demo account (password for all: see below):");
for (const login of demoLogins) say(`  ${login.role.padEnd(9)} ${login.email}`);
say(`  password: ${demoLogins[0]?.password ?? ""}`);
say("Microsoft Graph: sandbox tenant (no Microsoft account needed). Ctrl-C stops everything.");
