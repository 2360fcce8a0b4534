// A worker whose heartbeat is refused no longer owns its run (the reaper or another worker ended
// it): it must stop calling Microsoft and write nothing more for that run.
import { describe, expect, it } from "vitest";
import { finishRun } from "@tenantpilot/dispatch-gate";
import { accept, runStatus, seedTenant, waitFor, workerTestBed } from "./worker-fixtures";

const { prisma, sandbox, worker } = workerTestBed();

describe("a run taken away from its worker", () => {
  it("stops at the refused heartbeat: no further Graph call, the in-flight answer dropped, nothing written", { timeout: 60_000 }, async () => {
    const seeded = await seedTenant(prisma, sandbox);
    // Each Graph answer takes 1.5 s: the heartbeat (every 100 ms) is refused long before it arrives.
    seeded.sandboxTenant.slow(1_500);
    const runId = await accept(prisma, seeded, "inventory.sync");
    await worker.start();

    await waitFor("the run to be claimed", async () => (await runStatus(prisma, runId)) === "running");
    // The token request is answered at once; the first Graph listing goes out right after it.
    await waitFor("the worker's token request", async () => seeded.sandboxTenant.tokenRequestCount >= 1, 20_000, 5);

    // Someone else ends the run (as the reaper would after a missed heartbeat).
    const taken = await finishRun(prisma, runId, {
      status: "failed",
      reason: "worker_lost",
      detail: "Taken over by the test.",
      counts: { seen: 0, changed: 0, failed: 0 },
    });
    expect(taken.ok).toBe(true);
    const endedRow = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });

    await waitFor("the worker to notice", async () => worker.log.lines.some((line) => line.includes(`run ${runId}`) && line.includes("no longer owned")), 20_000);
    // Give a misbehaving worker the time to make its next calls and writes.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    // Only the listing that was in flight when the run was taken reached Graph.
    expect(seeded.sandboxTenant.graphRequestCount).toBe(1);
    expect(seeded.sandboxTenant.tokenRequestCount).toBe(1);
    // Nothing learnt from it was written, and the run row is as its new owner left it.
    expect(await prisma.inventoryItem.count({ where: { tenantId: seeded.tenant.id } })).toBe(0);
    const after = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(after).toEqual(endedRow);
    expect(after).toMatchObject({ status: "failed", reasonCode: "worker_lost", itemsSeen: 0, itemsChanged: 0 });
    expect(worker.log.errors).toEqual([]);
  });
});
