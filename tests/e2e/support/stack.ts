// The pieces of a running product for browser tests: a real PostgreSQL with the demo data, the
// built admin app on a random port, and the worker as its own process (started when a test wants
// queued work to run — until then accepted runs stay queued, which holds their scope).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, createPrismaClient, dropDatabase, migrate, startEmbeddedPostgres, type PrismaClient } from "@tenantpilot/db";
import { generateEncryptionKeyText, loadEncryptionKey } from "@tenantpilot/auth";
import { seedDemo } from "../../../prisma/seed";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");

export interface SeededDatabase {
  url: string;
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
    encryptionKey,
    async stop() {
      await dropDatabase(serverUrl, name).catch(() => undefined);
      await stopServer();
    },
  };
}

/** `remix vite:build` in apps/admin: the browser tests run the production build. */
export function buildAdmin(): void {
  const result = spawnSync("npx", ["remix", "vite:build"], {
    cwd: path.join(repoRoot, "apps/admin"),
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`the admin app did not build:\n${result.stdout}\n${result.stderr}`);
}

export interface RunningAdmin {
  url: string;
  prisma: PrismaClient;
  stop(): Promise<void>;
}

/** createAdminApp on a random loopback port, the way server/main.ts runs it. */
export async function startAdmin(databaseUrlValue: string): Promise<RunningAdmin> {
  const { createAdminApp } = await import("../../../apps/admin/server/app");
  const prisma = createPrismaClient(databaseUrlValue, { maxConnections: 10 });
  const { createLogger } = await import("@tenantpilot/observability");
  const { createRunTransitionFeed } = await import("@tenantpilot/api");
  const runTransitions = createRunTransitionFeed({ databaseUrl: databaseUrlValue });
  // Request lines would only bury the test output; warnings and errors still show.
  const app = await createAdminApp({ prisma, logger: createLogger({ service: "admin", level: "warn" }), runTransitions });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    // "localhost" rather than 127.0.0.1: browsers keep Secure session cookies for http://localhost.
    url: `http://localhost:${port}`,
    prisma,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runTransitions.close();
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
