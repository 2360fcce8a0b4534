// A worker process killed in the middle of a run: the run ends worker_lost within the bound, its
// job is not retried hours later, and the scope can be started again at once.
import { afterAll, describe, expect, it } from "vitest";
import { describe as describeWords, startOperation } from "@tenantpilot/dispatch-gate";
import { testPrisma } from "@tenantpilot/test-support";
import { accept, ending, runStatus, seedTenant, testWorker, useSandbox, waitFor } from "./worker-fixtures";
import { spawnWorker, type WorkerProcess } from "./worker-process";

const prisma = testPrisma(10);
const sandbox = useSandbox();
const lostAfterMs = 2_000;
const reaperIntervalMs = 200;
const children: WorkerProcess[] = [];
const reaper = testWorker(sandbox, { timing: { heartbeatIntervalMs: 200, lostAfterMs, reaperIntervalMs, retryBaseDelayMs: 20, retryMaxDelayMs: 2_000 } });
afterAll(async () => {
  await Promise.all(children.map((child) => child.kill("SIGKILL")));
  await reaper.stop();
  await prisma.$disconnect();
});

describe("a worker process killed mid-run", () => {
  it("leaves a run that the reaper fails as worker_lost within the bound; the scope starts again", { timeout: 90_000 }, async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const dying = spawnWorker({
      // Every Graph response of the child's sandbox takes 3 s: the run is surely mid-way when killed.
      TENANTPILOT_SANDBOX_SLOW_MS: "3000",
      HEARTBEAT_INTERVAL_MS: "200",
      RUN_LOST_AFTER_MS: String(lostAfterMs),
      REAPER_INTERVAL_MS: String(reaperIntervalMs),
      WORKER_CONCURRENCY: "1",
    });
    children.push(dying);
    await dying.ready;

    const runId = await accept(prisma, seeded, "inventory.sync");
    await waitFor("the child to claim the run", async () => (await runStatus(prisma, runId)) === "running", 30_000);
    const claimed = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect((claimed.diagnostics as { worker: { id: string } }).worker.id).toContain(`:${dying.child.pid}:`);

    // The in-process worker only reaps here (it has nothing else to run); then the child dies.
    await reaper.start();
    await dying.kill("SIGKILL");
    const killedAt = Date.now();

    await waitFor("the reaper", async () => (await runStatus(prisma, runId)) !== "running", lostAfterMs * 5);
    const elapsed = Date.now() - killedAt;
    const { run, notifications, sentence } = await ending(prisma, seeded, runId);
    expect(run).toMatchObject({ status: "failed", reasonCode: "worker_lost" });
    // Within the bound: at most the bound after the last heartbeat, plus one reaper interval and slack.
    expect(elapsed).toBeLessThan(lostAfterMs + reaperIntervalMs + 1_500);
    expect(sentence).toBe(describeWords({ reason: "worker_lost", context: { tenantSlug: seeded.tenant.slug, runId } }).message);
    expect(notifications).toEqual([expect.objectContaining({ title: "Sync inventory: Failed", body: `Contoso Ltd: ${sentence}` })]);

    // The dead worker's locks are released (a batch job's named queue must not stay locked for
    // graphile-worker's 4 hours), and its job has no key and no attempts left: it never runs again.
    const deadJobs = await prisma.$queryRaw<{ key: string | null; attempts: number; max_attempts: number; locked_at: Date | null }[]>`
      SELECT key, attempts::int, max_attempts::int, locked_at FROM graphile_worker.jobs WHERE task_identifier = 'inventory_sync'`;
    expect(deadJobs).toHaveLength(1);
    expect(deadJobs[0]).toMatchObject({ key: null });
    expect(deadJobs[0]!.attempts).toBe(deadJobs[0]!.max_attempts);
    expect(deadJobs[0]!.locked_at).toBeNull();

    // The scope is free: the same start is accepted and runs to the end on a live worker.
    const again = await startOperation(prisma, { tenantId: seeded.tenant.id, operation: "inventory.sync", initiator: { kind: "user", userId: seeded.user.id } });
    expect(again.outcome).toBe("accepted");
    if (again.outcome !== "accepted") return;
    await waitFor("the new run to end", async () => !["queued", "running"].includes(await runStatus(prisma, again.run.id)), 30_000);
    expect(await runStatus(prisma, again.run.id)).toBe("succeeded");
  });
});
