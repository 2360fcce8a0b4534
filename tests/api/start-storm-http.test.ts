// The storm of issue 15, over HTTP: 600 concurrent starts of two operations on one tenant's scope
// from 20 browser sessions, while a worker process runs each admitted run to its end within tens
// of milliseconds (its demo sandbox tenant). Every call answers one of the four outcomes (never a 500 or
// a "changed hands" error), every accepted answer is a new run, and no two runs of the scope
// were ever executing at once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessions, sealSecret } from "@tenantpilot/auth";
import { testPrisma } from "@tenantpilot/test-support";
import { allPermissions, encryptionKey, waitFor } from "../worker/worker-fixtures";
import { spawnWorker, type WorkerProcess } from "../worker/worker-process";
import { startAdminServer, type RunningServer } from "./support/admin-server";
import { sessionCookie, trpcMutation } from "./support/raw-trpc";

const CALLS = 600;
const SESSIONS = 20;
const prisma = testPrisma(20);
let worker: WorkerProcess;
let server: RunningServer;
let tenant: { id: string; slug: string };
const cookies: string[] = [];

beforeAll(async () => {
  // Limits far above the storm: this test is about admission, rate-limits-http.test.ts about limits.
  server = await startAdminServer(prisma, { rateLimits: { mutationsPerMinute: 100_000, tokenCallsPerMinute: 100_000 } });
  const workspace = await prisma.workspace.create({ data: { slug: `storm-${randomUUID().slice(0, 8)}`, name: "Storm MSP" } });
  tenant = await prisma.tenant.create({
    data: { workspaceId: workspace.id, slug: `storm-${randomUUID().slice(0, 8)}`, displayName: "Contoso", microsoftTenantId: randomUUID(), status: "active" },
  });
  // The worker process's demo sandbox accepts any tenant and secret, and answers at once.
  await prisma.providerConnection.create({
    data: {
      tenantId: tenant.id,
      displayName: "Graph app",
      clientId: randomUUID(),
      clientSecretEncrypted: sealSecret("storm-secret", encryptionKey),
      consentState: "granted",
      grantedPermissions: allPermissions,
      isPrimary: true,
    },
  });
  const sessions = createSessions(prisma);
  for (let i = 0; i < SESSIONS; i++) {
    const user = await prisma.user.create({ data: { email: `storm-${i}-${tenant.slug}@example.test`, displayName: `Operator ${i}` } });
    await prisma.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "operator", allTenants: true } });
    const { setCookie } = await sessions.createSession(user.id);
    cookies.push(sessionCookie(new Headers([["set-cookie", setCookie]]))!.pair);
  }
  worker = spawnWorker({ WORKER_CONCURRENCY: "4" });
  await worker.ready;
});
afterAll(async () => {
  await worker?.kill("SIGTERM");
  await server.close();
  await prisma.$disconnect();
});

describe("a storm of HTTP starts while runs finish as fast as they are admitted", () => {
  it("answers every call with one of the four outcomes; accepted = new runs; runs of the scope never overlap", { timeout: 120_000 }, async () => {
    const operations = ["inventory.sync", "backup.capture"] as const;
    const answers = await Promise.all(
      Array.from({ length: CALLS }, (_, i) =>
        trpcMutation(server.url, "operations.start", { tenant: tenant.slug, operation: operations[i % 2] }, {
          cookie: cookies[i % SESSIONS]!,
          origin: server.url,
        }),
      ),
    );

    const statuses = new Map<number, number>();
    for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 200: CALLS });
    const outcomes = answers.map((answer) => (answer.data as { outcome: string }).outcome);
    for (const outcome of outcomes) expect(["accepted", "deduped", "scope_busy", "blocked"]).toContain(outcome);
    expect(outcomes).not.toContain("blocked");

    // Accepted answers are exactly the runs that exist, each once.
    const acceptedIds = answers.filter((answer) => (answer.data as { outcome: string }).outcome === "accepted").map((answer) => (answer.data as { run: { id: string } }).run.id);
    expect(acceptedIds.length).toBeGreaterThan(1);
    expect(new Set(acceptedIds).size).toBe(acceptedIds.length);
    const runs = await prisma.operationRun.findMany({ where: { tenantId: tenant.id }, select: { id: true } });
    expect(runs.map((run) => run.id).sort()).toEqual([...acceptedIds].sort());

    // Deduped and scope_busy answers link runs of this scope that exist.
    const linked = answers.flatMap((answer) => {
      const data = answer.data as { outcome: string; run?: { id: string }; blockingRun?: { id: string } };
      return data.outcome === "deduped" ? [data.run!.id] : data.outcome === "scope_busy" ? [data.blockingRun!.id] : [];
    });
    expect(linked.length).toBe(CALLS - acceptedIds.length);
    for (const id of new Set(linked)) expect(acceptedIds).toContain(id);

    // All of them run to their end; their execution intervals never overlap.
    await waitFor(
      "every run to end",
      async () => (await prisma.operationRun.count({ where: { tenantId: tenant.id, status: { in: ["queued", "running"] } } })) === 0,
      90_000,
      100,
    );
    const executed = await prisma.operationRun.findMany({
      where: { tenantId: tenant.id },
      select: { id: true, status: true, createdAt: true, startedAt: true, finishedAt: true },
      orderBy: { createdAt: "asc" },
    });
    expect(executed.every((run) => run.status === "succeeded")).toBe(true);
    for (let i = 1; i < executed.length; i++) {
      const previous = executed[i - 1]!;
      const current = executed[i]!;
      // Admitted only after the previous one ended, so it also started only after that.
      expect(current.createdAt.getTime()).toBeGreaterThanOrEqual(previous.finishedAt!.getTime());
      expect(current.startedAt!.getTime()).toBeGreaterThanOrEqual(previous.finishedAt!.getTime());
    }
  });
});
