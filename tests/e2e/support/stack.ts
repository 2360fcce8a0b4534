// The pieces of a running product for browser tests: a real PostgreSQL with the demo data, the
// built admin app on a random port, and the worker as its own process (started when a test wants
// queued work to run — until then accepted runs stay queued, which holds their scope).
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { createDatabase, createPrismaClient, dropDatabase, migrate, startEmbeddedPostgres, type PrismaClient } from "@tenantpilot/db";
import { generateEncryptionKeyText, loadEncryptionKey } from "@tenantpilot/auth";
import { buildAdminApp, startAdminProcess } from "../../../apps/admin/server-process";
import { seedDemo } from "../../../prisma/seed";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");

export interface SeededDatabase {
  url: string;
  /** A database on the same server that is not the seeded one, for copying it (see seededDatabaseForThisFile). */
  serverUrl: string;
  /** The key the demo secrets were sealed with; the admin app and the worker need the same one. */
  encryptionKey: string;
  stop(): Promise<void>;
}

/** DATABASE_URL's server when set (a fresh database on it), else an embedded PostgreSQL; migrated and seeded. */
export async function startSeededDatabase(): Promise<SeededDatabase> {
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = async () => undefined as void;
  if (!serverUrl) {
    const parent = await mkdtemp(path.join(tmpdir(), "tp-e2e-"));
    // As root, PostgreSQL runs as `postgres`, which must reach the data directory.
    await chmod(parent, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(parent, "postgres"), ephemeral: true, fast: true });
    serverUrl = embedded.serverUrl;
    stopServer = embedded.stop;
  }
  const name = `tp_e2e_${process.pid}_${Date.now().toString(36)}`;
  const url = await createDatabase(serverUrl, name);
  await migrate({ databaseUrl: url });

  const encryptionKey = process.env.APP_ENCRYPTION_KEY ?? generateEncryptionKeyText();
  const prisma = createPrismaClient(url, { maxConnections: 2 });
  try {
    await seedDemo(prisma, loadEncryptionKey({ env: { ...process.env, APP_ENCRYPTION_KEY: encryptionKey } }));
  } finally {
    await prisma.$disconnect();
  }
  return {
    url,
    serverUrl,
    encryptionKey,
    async stop() {
      await dropDatabase(serverUrl, name).catch(() => undefined);
      await stopServer();
    },
  };
}

/**
 * This test file's own copy of the seeded database. Browser files run one after another on one server, and what
 * one file creates (a tenant, a batch, a run) must not show up in another file's searches and rollups. Dropped
 * after the file.
 */
export async function seededDatabaseForThisFile(): Promise<string> {
  const template = new URL(inject("e2eDatabaseUrl")).pathname.slice(1);
  // Copying a database needs nobody connected to it, so the statement runs on another database of the server.
  const serverUrl = inject("e2eServerUrl");
  const name = `${template}_${randomBytes(3).toString("hex")}`;
  const url = await createDatabase(serverUrl, name, { template });
  afterAll(() => dropDatabase(serverUrl, name));
  return url;
}

/** The admin app's production build (pages and compiled server), as `npm start` makes it. */
export function buildAdmin(): void {
  buildAdminApp({ quiet: true });
}

export interface RunningAdmin {
  url: string;
  /** The test's own client on the same database, to look at what the app wrote. */
  prisma: PrismaClient;
  stop(): Promise<void>;
}

/**
 * The admin server as production runs it (the compiled bundle under `node`, ADR 022) on a random
 * port, with this process's APP_ENCRYPTION_KEY and TENANTPILOT_DATA_DIR.
 */
export async function startAdmin(databaseUrlValue: string): Promise<RunningAdmin> {
  // Request lines would only bury the test output; warnings and errors still show.
  const server = await startAdminProcess({ databaseUrl: databaseUrlValue, env: { LOG_LEVEL: "warn" } });
  const prisma = createPrismaClient(databaseUrlValue, { maxConnections: 4 });
  return {
    url: server.url,
    prisma,
    async stop() {
      await server.stop();
      await prisma.$disconnect();
    },
  };
}

export interface RunningWorker {
  output(): string;
  stop(): Promise<void>;
}

/** apps/worker/src/main.ts as a child process with the sandbox Microsoft tenant, like `npm start` runs it. */
export function startWorker(env: { databaseUrl: string; encryptionKey: string; extra?: Record<string, string> }): RunningWorker {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      APP_ENCRYPTION_KEY: env.encryptionKey,
      TENANTPILOT_PROVIDER: "sandbox",
      ...env.extra,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return {
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
