// Fairness (ADR 018), with the real queue (graphile-worker) over jobs admitted by the real gate:
// an operator's click runs before a thousand waiting batch jobs (job priority), and a workspace's
// sweep runs at most batch_run_cap runs at once (its named queues), so another workspace's sweep
// proceeds beside it, and a click in the busy workspace is not held back by the cap.
import { setTimeout as sleep } from "node:timers/promises";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { Logger, run, runOnce, type Task, type TaskList } from "graphile-worker";
import { operationCatalog, startMany, startOperation, type BulkTenant } from "@tenantpilot/dispatch-gate";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { seedReadyTenants } from "../../packages/dispatch-gate/test/bulk/bulk-fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

const quiet = new Logger(() => () => undefined);
const everyTenant = { kind: "filter", filter: {} } as const;

async function seedOperator(workspaceId: string) {
  const user = await prisma.user.create({ data: { email: `op-${randomUUID().slice(0, 8)}@example.test`, displayName: "Op" } });
  await prisma.membership.create({ data: { workspaceId, userId: user.id, role: "operator" } });
  return { kind: "user" as const, userId: user.id };
}

/** Every operation's task, doing nothing but `work` with the run id. */
function recordingTasks(work: (runId: string) => Promise<void> | void): TaskList {
  const task: Task = async (payload) => work((payload as { runId: string }).runId);
  return Object.fromEntries(Object.values(operationCatalog).map((operation) => [operation.taskIdentifier, task]));
}

describe("fairness between operator clicks, batches and workspaces", () => {
  it("a single click queued behind 1,000 batch jobs starts first", async () => {
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 1001);
    const initiator = await seedOperator(workspaceId);
    const [clicked, ...swept] = tenants as [BulkTenant, ...BulkTenant[]];
    const sweep = await startMany(prisma, { workspaceId, tenants: swept, operation: "inventory.sync", initiator, idempotencyKey: randomUUID(), selection: everyTenant });
    expect(sweep.rollup.byOutcome.accepted).toBe(1000);
    const click = await startOperation(prisma, { tenantId: clicked.id, operation: "inventory.sync", initiator });
    if (click.outcome !== "accepted") throw new Error(`expected accepted, got ${click.outcome}`);

    const order: string[] = [];
    // runOnce returns as soon as no job is available at that instant; under load a named queue whose last
    // job's completion is still being recorded looks empty, so drain until nothing is left (order is kept).
    for (let pass = 0; pass < 20 && order.length < 1001; pass += 1) {
      await runOnce({ connectionString: testDatabaseUrl(), concurrency: 1, noHandleSignals: true, logger: quiet }, recordingTasks((runId) => void order.push(runId)));
    }
    expect(order).toHaveLength(1001);
    expect(order[0]).toBe(click.run.id);
  });

  it("caps a workspace's running batch runs, so another workspace's sweep runs beside it and a click is not held back", async () => {
    const a = await seedReadyTenants(prisma, 12);
    const b = await seedReadyTenants(prisma, 4);
    await prisma.workspace.updateMany({ where: { id: { in: [a.workspaceId, b.workspaceId] } }, data: { batchRunCap: 2 } });
    const aOperator = await seedOperator(a.workspaceId);
    const bOperator = await seedOperator(b.workspaceId);
    const [clicked, ...aSwept] = a.tenants as [BulkTenant, ...BulkTenant[]];
    await startMany(prisma, { workspaceId: a.workspaceId, tenants: aSwept, operation: "inventory.sync", initiator: aOperator, idempotencyKey: randomUUID(), selection: everyTenant });
    await startMany(prisma, { workspaceId: b.workspaceId, tenants: b.tenants, operation: "inventory.sync", initiator: bOperator, idempotencyKey: randomUUID(), selection: everyTenant });

    const workspaceOfRun = new Map(
      (await prisma.operationRun.findMany({ select: { id: true, tenant: { select: { workspaceId: true } } } })).map((run) => [run.id, run.tenant.workspaceId]),
    );
    const active = new Map<string, number>();
    const peak = new Map<string, number>();
    const finishedAt = new Map<string, number[]>();
    let activeAtClick = -1;
    let done = 0;
    const tasks = recordingTasks(async (runId) => {
      // Every batch run is known before the worker starts: the one it does not know is the click. (Its id is
      // not awaited here: the worker may take the click's job before startOperation's caller resumes.)
      const workspace = workspaceOfRun.get(runId) ?? "click";
      if (workspace === "click") activeAtClick = active.get(a.workspaceId) ?? 0;
      active.set(workspace, (active.get(workspace) ?? 0) + 1);
      peak.set(workspace, Math.max(peak.get(workspace) ?? 0, active.get(workspace) ?? 0));
      await sleep(120);
      active.set(workspace, (active.get(workspace) ?? 0) - 1);
      finishedAt.set(workspace, [...(finishedAt.get(workspace) ?? []), Date.now()]);
      done += 1;
    });
    const runner = await run({ connectionString: testDatabaseUrl(), concurrency: 6, noHandleSignals: true, logger: quiet, pollInterval: 20 }, tasks);
    try {
      // While workspace A's sweep is running at its cap, an operator in A clicks.
      while ((active.get(a.workspaceId) ?? 0) < 2) await sleep(5);
      const click = await startOperation(prisma, { tenantId: clicked.id, operation: "inventory.sync", initiator: aOperator });
      if (click.outcome !== "accepted") throw new Error(`expected accepted, got ${click.outcome}`);
      const deadline = Date.now() + 20_000;
      while (done < 16 && Date.now() < deadline) await sleep(20);
    } finally {
      await runner.stop();
    }
    expect(done).toBe(16);
    expect(peak.get(a.workspaceId)).toBe(2);
    expect(peak.get(b.workspaceId)).toBe(2);
    // B's sweep (admitted after A's) did not wait for A's to end.
    expect(Math.max(...(finishedAt.get(b.workspaceId) ?? []))).toBeLessThan(Math.max(...(finishedAt.get(a.workspaceId) ?? [])));
    // The click ran while A's batch runs held both of A's queues.
    expect(activeAtClick).toBe(2);
  });
});
