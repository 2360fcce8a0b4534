// The admin and the worker as processes (as `npm start` runs them: the admin's compiled bundle, the
// worker through tsx) on a PostgreSQL of this test's own, which is stopped for more than 10 s while
// a run is in flight and then started again: both processes stay up; meanwhile the API, the pages
// and readiness answer 503 + Retry-After; afterwards the run that was in flight has ended exactly
// once and a new start is accepted and runs.
// Lives in the browser suite because the admin process serves the built Remix app.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEncryptionKeyText, hashPassword, loadEncryptionKey, sealSecret } from "@tenantpilot/auth";
import { createDatabase, createPrismaClient, findFreePort, migrate, startEmbeddedPostgres, type EmbeddedDatabase, type PrismaClient } from "@tenantpilot/db";
import { allNeededPermissions } from "@tenantpilot/dispatch-gate/contract";
import { adminServerArgs } from "../../apps/admin/server-process";
import { sessionCookie, trpcMutation, trpcQuery } from "../api/support/raw-trpc";
import { repoRoot } from "./support/stack";

const OUTAGE_MS = 10_500;
const PASSWORD = "outage test password";
const encryptionKeyText = generateEncryptionKeyText();

interface Proc {
  child: ChildProcess;
  output(): string;
  alive(): boolean;
}

function start(args: readonly string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [...args], {
    cwd: repoRoot,
    env: { ...process.env, APP_ENCRYPTION_KEY: encryptionKeyText, TENANTPILOT_PROVIDER: "sandbox", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk) => (text += chunk));
  child.stderr?.on("data", (chunk) => (text += chunk));
  return { child, output: () => text, alive: () => child.exitCode === null && child.signalCode === null };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let pg: EmbeddedDatabase;
let pgParent = "";
let prisma: PrismaClient;
let admin: Proc;
let worker: Proc;
let base = "";
let cookie: Record<string, string> = {};
let tenantSlug = "";

beforeAll(async () => {
  // A cluster of this test's own: pausing it must not disturb the suite's other databases.
  pgParent = await mkdtemp(path.join(tmpdir(), "tp-outage-"));
  await chmod(pgParent, 0o755);
  pg = await startEmbeddedPostgres({ dataDir: path.join(pgParent, "postgres"), ephemeral: true, fast: true });
  const url = await createDatabase(pg.serverUrl, "tp_outage");
  await migrate({ databaseUrl: url });
  prisma = createPrismaClient(url, { maxConnections: 4 });

  const key = loadEncryptionKey({ env: { ...process.env, APP_ENCRYPTION_KEY: encryptionKeyText } });
  const workspace = await prisma.workspace.create({ data: { slug: `outage-${randomUUID().slice(0, 6)}`, name: "Outage MSP" } });
  const user = await prisma.user.create({ data: { email: "outage@example.test", displayName: "Operator", passwordHash: await hashPassword(PASSWORD) } });
  await prisma.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "owner", allTenants: true } });
  const tenant = await prisma.tenant.create({
    data: { workspaceId: workspace.id, slug: "outage-contoso", displayName: "Contoso", microsoftTenantId: randomUUID(), status: "active" },
  });
  tenantSlug = tenant.slug;
  await prisma.providerConnection.create({
    data: {
      tenantId: tenant.id,
      displayName: "Graph app",
      clientId: randomUUID(),
      clientSecretEncrypted: sealSecret("outage-secret", key),
      clientSecretExpiresAt: new Date(Date.now() + 90 * 86_400_000),
      consentState: "granted",
      grantedPermissions: [...allNeededPermissions],
      isPrimary: true,
    },
  });

  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  admin = start(adminServerArgs(), { DATABASE_URL: url, PORT: String(port) });
  worker = start(["--import", "tsx", "apps/worker/src/main.ts"], {
    DATABASE_URL: url,
    WORKER_CRONTAB: "",
    WORKER_CONCURRENCY: "2",
    // Every Graph response takes 3 s: the inventory sync is surely mid-way when the database stops.
    TENANTPILOT_SANDBOX_SLOW_MS: "3000",
    HEARTBEAT_INTERVAL_MS: "1000",
    WORKER_HEARTBEAT_INTERVAL_MS: "1000",
    // Longer than the outage: the run in flight must end by its own worker, not by the reaper.
    RUN_LOST_AFTER_MS: "60000",
  });
  await waitFor("the admin to be ready (database up, a worker heartbeat)", async () => {
    const response = await fetch(`${base}/readyz`);
    return response.status === 200;
  }, 60_000);
  const login = await trpcMutation(base, "auth.login", { email: "outage@example.test", password: PASSWORD }, { origin: base });
  cookie = { cookie: sessionCookie(login.headers)!.pair, origin: base };
}, 120_000);

afterAll(async () => {
  for (const proc of [worker, admin]) if (proc?.alive()) proc.child.kill("SIGKILL");
  await prisma?.$disconnect();
  await pg?.stop();
  if (pgParent) await rm(pgParent, { recursive: true, force: true });
});

describe("a database outage of more than 10 s", () => {
  it("keeps both processes up, answers 503 + Retry-After meanwhile, ends the run in flight once, and starts again", async () => {
    const diagnostics = () => `\n--- admin ---\n${admin.output().slice(-3000)}\n--- worker ---\n${worker.output().slice(-3000)}`;
    const started = await trpcMutation(base, "operations.start", { tenant: tenantSlug, operation: "inventory.sync" }, cookie);
    expect(started.data, diagnostics()).toMatchObject({ outcome: "accepted" });
    const runId = (started.data as { run: { id: string } }).run.id;
    await waitFor("the run to be claimed", async () => (await prisma.operationRun.findUnique({ where: { id: runId } }))?.status === "running", 20_000);

    await pg.pause();
    const stoppedAt = Date.now();
    const answers: { what: string; status: number; retryAfter: string | null }[] = [];
    while (Date.now() - stoppedAt < OUTAGE_MS) {
      const query = await trpcQuery(base, "tenants.list", undefined, cookie);
      answers.push({ what: "tenants.list", status: query.status, retryAfter: query.headers.get("retry-after") });
      expect(query.error?.data.code).toBe("SERVICE_UNAVAILABLE");
      expect(query.error?.message).toBe("The database is unavailable; try again shortly.");
      const mutation = await trpcMutation(base, "operations.start", { tenant: tenantSlug, operation: "directory.sync" }, cookie);
      answers.push({ what: "operations.start", status: mutation.status, retryAfter: mutation.headers.get("retry-after") });
      const page = await fetch(`${base}/admin/t/${tenantSlug}`, { headers: { cookie: cookie.cookie! } });
      const html = await page.text();
      answers.push({ what: "page", status: page.status, retryAfter: page.headers.get("retry-after") });
      expect(html).toContain("The database is unavailable; try again shortly.");
      const ready = await fetch(`${base}/readyz`);
      answers.push({ what: "readyz", status: ready.status, retryAfter: ready.headers.get("retry-after") });
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "alive" });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(answers.length).toBeGreaterThanOrEqual(8);
    for (const answer of answers) expect(answer, diagnostics()).toMatchObject({ status: 503, retryAfter: "5" });
    expect(admin.alive(), diagnostics()).toBe(true);
    expect(worker.alive(), diagnostics()).toBe(true);

    await pg.resume();

    // The run in flight ends exactly once: one terminal status, one notification, one claim.
    const ended = await waitFor(
      "the run in flight to end",
      async () => {
        const run = await prisma.operationRun.findUnique({ where: { id: runId } });
        return run && !["queued", "running"].includes(run.status) ? run : null;
      },
      40_000,
    );
    expect(["succeeded", "failed"], diagnostics()).toContain(ended.status);
    if (ended.status === "failed") expect(ended.reasonCode).toBe("internal_error");
    expect(ended.attempt).toBe(1);
    expect(await prisma.notification.count({ where: { runId } })).toBe(1);
    const claims = [...worker.output().matchAll(new RegExp(`run ${runId} inventory\\.sync: started`, "g"))];
    expect(claims).toHaveLength(1);

    // Afterwards: a new start is accepted and runs to its end.
    const again = await waitFor("a start to be accepted again", async () => {
      const response = await trpcMutation(base, "operations.start", { tenant: tenantSlug, operation: "directory.sync" }, cookie);
      return response.status === 200 ? response : null;
    }, 20_000);
    expect(again.data, diagnostics()).toMatchObject({ outcome: "accepted" });
    const againId = (again.data as { run: { id: string } }).run.id;
    const finished = await waitFor(
      "the new run to end",
      async () => {
        const run = await prisma.operationRun.findUnique({ where: { id: againId } });
        return run && !["queued", "running"].includes(run.status) ? run : null;
      },
      40_000,
    );
    expect(finished.status, diagnostics()).toBe("succeeded");
    expect(admin.alive() && worker.alive(), diagnostics()).toBe(true);
    // Both said what happened, and neither logged a crash.
    expect(worker.output()).toMatch(/database unavailable|heartbeat failed/);
    expect(worker.output()).not.toMatch(/unhandled rejection|"level":60/);
  }, 110_000);
});
