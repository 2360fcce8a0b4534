// A started worker (LISTEN/poll, heartbeats, reaper): cancellation of a running run, retry pauses
// longer than the lost-run bound, and a shutdown in the middle of a run.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { cancelRun, describe as describeWords, startOperation } from "@tenantpilot/dispatch-gate";
import { testPrisma } from "@tenantpilot/test-support";
import { accept, ending, runStatus, seedTenant, testWorker, useSandbox, waitFor } from "./worker-fixtures";

const prisma = testPrisma(10);
const sandbox = useSandbox();
const started: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((worker) => worker.stop()));
});
afterAll(() => prisma.$disconnect());

async function startedWorker(...args: Parameters<typeof testWorker>) {
  const worker = testWorker(...args);
  await worker.start();
  started.push(worker);
  return worker;
}

describe("a started worker", () => {
  it("honours a cancellation requested while the run is running", async () => {
    await startedWorker(sandbox);
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.slow(250);
    const runId = await accept(prisma, seeded, "inventory.sync");
    await waitFor("the run to start", async () => (await runStatus(prisma, runId)) === "running");

    const requested = await cancelRun(prisma, runId, { by: { kind: "user", userId: seeded.user.id } });
    expect(requested).toMatchObject({ ok: true, outcome: "cancellation_requested" });
    await waitFor("the run to end", async () => (await runStatus(prisma, runId)) !== "running");

    const { run, notifications } = await ending(prisma, seeded, runId);
    expect(run).toMatchObject({ status: "cancelled", reasonCode: "run_cancelled" });
    // It stopped early: not every policy family was synced.
    expect(run.itemsSeen).toBeLessThan(26);
    expect(notifications).toEqual([
      expect.objectContaining({ title: "Sync inventory: Cancelled", body: `Contoso Ltd: ${describeWords({ reason: "run_cancelled", context: { tenantSlug: seeded.tenant.slug, runId } }).message}` }),
    ]);
    const again = await startOperation(prisma, { tenantId: seeded.tenant.id, operation: "inventory.sync", initiator: { kind: "system" } });
    expect(again.outcome).toBe("accepted");
  });

  it("keeps beating through a retry pause longer than the lost-run bound, so the reaper leaves it alone", async () => {
    const worker = await startedWorker(sandbox, {
      timing: { heartbeatIntervalMs: 100, lostAfterMs: 800, reaperIntervalMs: 100, retryBaseDelayMs: 2_000, retryMaxDelayMs: 5_000 },
    });
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.outage({ times: 2, retryAfterSeconds: 0 });
    const runId = await accept(prisma, seeded, "inventory.sync");

    await waitFor("the retry", async () => {
      const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
      return run.attempt === 2;
    });
    const pauseStarted = Date.now();
    // Reap by hand as well, repeatedly, while the run waits out its 2 s pause.
    while (Date.now() - pauseStarted < 1_500) {
      expect(await worker.reapLostRuns()).not.toContain(runId);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitFor("the run to end", async () => (await runStatus(prisma, runId)) !== "running");
    const { run } = await ending(prisma, seeded, runId);
    expect(run).toMatchObject({ status: "succeeded", attempt: 2, reasonCode: null });
  });

  it("ends a run it cannot finish before shutting down as worker_lost, freeing the scope at once", async () => {
    const worker = await startedWorker(sandbox);
    const seeded = await seedTenant(prisma, sandbox);
    seeded.sandboxTenant.slow(2_000);
    const runId = await accept(prisma, seeded, "inventory.sync");
    await waitFor("the run to start", async () => (await runStatus(prisma, runId)) === "running");

    await worker.stop();
    const { run, notifications } = await ending(prisma, seeded, runId);
    expect(run).toMatchObject({ status: "failed", reasonCode: "worker_lost", reasonDetail: "The worker process shut down while the run was in progress." });
    expect(notifications).toHaveLength(1);
    const again = await startOperation(prisma, { tenantId: seeded.tenant.id, operation: "inventory.sync", initiator: { kind: "system" } });
    expect(again.outcome).toBe("accepted");
  });
});
