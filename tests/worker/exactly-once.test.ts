// Two worker processes on one database and 200 queued runs: every run is executed exactly once.
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { sealSecret } from "@tenantpilot/auth";
import { startOperation, type OperationId, type OperationTarget } from "@tenantpilot/dispatch-gate";
import { testPrisma } from "@tenantpilot/test-support";
import { allPermissions, encryptionKey, waitFor } from "./worker-fixtures";
import { spawnWorker, type WorkerProcess } from "./worker-process";

const prisma = testPrisma(10);
const workers: WorkerProcess[] = [];
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill("SIGKILL")));
  await prisma.$disconnect();
});

/** 100 tenants (the workers' demo sandbox accepts any tenant and secret), each with a primary connection. */
async function seedTenants(count: number) {
  const workspace = await prisma.workspace.create({ data: { slug: `ws-${randomUUID().slice(0, 8)}`, name: "Exactly once" } });
  const user = await prisma.user.create({ data: { email: `op-${randomUUID().slice(0, 8)}@example.test`, displayName: "Operator" } });
  const tenants = [];
  for (let i = 0; i < count; i++) {
    const tenant = await prisma.tenant.create({
      data: { workspaceId: workspace.id, slug: `once-${i}-${randomUUID().slice(0, 6)}`, displayName: `Tenant ${i}`, microsoftTenantId: randomUUID(), status: "active" },
    });
    await prisma.providerConnection.create({
      data: {
        tenantId: tenant.id,
        displayName: "Graph app",
        clientId: randomUUID(),
        clientSecretEncrypted: sealSecret(`secret-${i}`, encryptionKey),
        consentState: "granted",
        grantedPermissions: allPermissions,
        isPrimary: true,
      },
    });
    tenants.push(tenant);
  }
  return { user, tenants };
}

describe("two worker processes", () => {
  it("execute each of 200 queued runs exactly once", { timeout: 240_000 }, async () => {
    const { user, tenants } = await seedTenants(100);
    const starts: { tenantId: string; operation: OperationId; target?: OperationTarget }[] = tenants.flatMap((tenant) => [
      { tenantId: tenant.id, operation: "inventory.sync" },
      { tenantId: tenant.id, operation: "report.generate", target: { kind: "report_kind", id: "policy-inventory" } },
    ]);
    const runIds: string[] = [];
    for (const start of starts) {
      const result = await startOperation(prisma, { ...start, initiator: { kind: "user", userId: user.id } });
      if (result.outcome !== "accepted") throw new Error(`not accepted: ${JSON.stringify(result)}`);
      runIds.push(result.run.id);
    }
    expect(runIds).toHaveLength(200);

    // Both start on a full queue.
    workers.push(spawnWorker({ WORKER_CONCURRENCY: "4" }), spawnWorker({ WORKER_CONCURRENCY: "4" }));
    await Promise.all(workers.map((worker) => worker.ready));
    await waitFor(
      "all runs to end",
      async () => (await prisma.operationRun.count({ where: { id: { in: runIds }, status: { in: ["queued", "running"] } } })) === 0,
      200_000,
      500,
    );
    await Promise.all(workers.map((worker) => worker.kill("SIGTERM")));

    const runs = await prisma.operationRun.findMany({ where: { id: { in: runIds } } });
    // Every run succeeded on its first and only claim.
    expect(runs.filter((run) => run.status !== "succeeded").map((run) => [run.id, run.status, run.reasonCode, run.reasonDetail])).toEqual([]);
    expect(runs.every((run) => run.attempt === 1)).toBe(true);

    // Each run was started by exactly one task execution across both processes, and no job was
    // handed out a second time (which would log "not queued").
    const outputs = workers.map((worker) => worker.output());
    const started = outputs.map((output) => [...output.matchAll(/run ([0-9a-f-]{36}) \S+: started/g)].map((match) => match[1]!));
    const all = started.flat();
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    expect(new Set(all)).toEqual(new Set(runIds));
    expect(outputs.join("\n")).not.toMatch(/not queued|unexpected|heartbeat failed|pass failed|Failed task|queue \[/);
    // Both processes took part, and each run records the process that ran it.
    expect(started[0]!.length).toBeGreaterThan(0);
    expect(started[1]!.length).toBeGreaterThan(0);
    for (const [index, worker] of workers.entries()) {
      for (const id of started[index]!) {
        const run = runs.find((candidate) => candidate.id === id)!;
        expect((run.diagnostics as { worker: { id: string } }).worker.id).toContain(`:${worker.child.pid}:`);
      }
    }

    // Domain rows: one report per report run, each tenant's 26 policies seen by its one sync run,
    // one notification per run, and nothing left in the queue.
    const reports = await prisma.report.groupBy({ by: ["runId"], _count: { _all: true } });
    const reportRuns = runs.filter((run) => run.operation === "report.generate").map((run) => run.id);
    expect(reports.filter((row) => row.runId !== null && reportRuns.includes(row.runId)).map((row) => row._count._all)).toEqual(reportRuns.map(() => 1));
    expect(await prisma.inventoryItem.count({ where: { tenantId: { in: tenants.map((tenant) => tenant.id) } } })).toBe(100 * 26);
    for (const run of runs.filter((candidate) => candidate.operation === "inventory.sync").slice(0, 10)) {
      expect(await prisma.inventoryItem.count({ where: { tenantId: run.tenantId, lastSeenRunId: run.id } })).toBe(26);
    }
    expect(await prisma.notification.count({ where: { runId: { in: runIds } } })).toBe(200);
    const [queue] = await prisma.$queryRaw<{ jobs: number }[]>`SELECT count(*)::int AS jobs FROM graphile_worker.jobs`;
    expect(queue?.jobs).toBe(0);
  });
});
