// batches.watch (issue 14 item 5, ADR 034) against real PostgreSQL: a batch page follows its batch by
// push. Run transitions are announced by the operation_runs trigger and heard by the process's one
// LISTEN connection; a watch answers with one snapshot read (counts, status and the page's runs
// together) per burst of transitions, and ends when the batch is finished.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@tenantpilot/db";
import { finishRun, startRun } from "@tenantpilot/dispatch-gate";
import type { BatchSnapshot, RunStatus } from "@tenantpilot/dispatch-gate/contract";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "./support/api-caller";
import { listeningFeedForThisFile, nextWithin } from "./support/run-feed";
import { seedTenant, seedWorld, type World } from "./support/world";

const prisma = testPrisma(8);
/** The watch's own client: its statements are counted (one snapshot read per burst). */
const snapshotReads: string[] = [];
const counted = createPrismaClient(testDatabaseUrl(), {
  maxConnections: 2,
  onStatement: (sql) => {
    if (sql.includes("WITH shown AS")) snapshotReads.push(sql);
  },
});
const feed = listeningFeedForThisFile();
afterAll(async () => {
  await counted.$disconnect();
  await prisma.$disconnect();
});

const env = () => ({ ...testEnvironment(counted), runTransitions: feed() });
const next = (iterator: AsyncIterator<BatchSnapshot>) => nextWithin(iterator);

/** Snapshots until one satisfies `until` (returned last). */
async function until(iterator: AsyncIterator<BatchSnapshot>, done: (snapshot: BatchSnapshot) => boolean): Promise<BatchSnapshot[]> {
  const seen: BatchSnapshot[] = [];
  for (;;) {
    const step = await next(iterator);
    if (step.done) throw new Error(`the watch ended before the expected snapshot; saw ${JSON.stringify(seen.map((s) => s.counts.byRunStatus))}`);
    seen.push(step.value);
    if (done(step.value)) return seen;
  }
}

async function runTo(runId: string, status: Extract<RunStatus, "succeeded" | "failed">) {
  expect((await startRun(prisma, runId, { workerId: "test-worker" })).ok).toBe(true);
  const counts = { seen: 2, changed: status === "succeeded" ? 2 : 0, failed: status === "failed" ? 2 : 0 };
  const finished = await finishRun(prisma, runId, status === "failed" ? { status, reason: "provider_unavailable", counts } : { status, counts });
  expect(finished.ok).toBe(true);
}

/** A batch of directory syncs over the home workspace: `extra` more ready tenants accepted, Fabrikam blocked. */
async function startBatch(world: World, extra: number) {
  for (let i = 0; i < extra; i += 1) await seedTenant(prisma, world.workspaces.home.id, { name: `Extra ${i}` });
  const started = await callerAs(env(), world.users.owner).operations.startMany({
    workspace: world.workspaces.home.id,
    operation: "directory.sync",
    selection: { kind: "filter", filter: {} },
    idempotencyKey: randomUUID(),
  });
  const runIds = started.items.flatMap((item) => (item.result.outcome === "accepted" ? [item.result.run.id] : []));
  expect(runIds).toHaveLength(extra + 1);
  return { batchId: started.batch.id, runIds };
}

/** The rollup and the rows never disagree: a run the snapshot names as ended is counted as ended. */
function agrees(snapshot: BatchSnapshot): boolean {
  const ended = snapshot.runs.filter((run) => run.status !== "queued" && run.status !== "running").length;
  const countedEnded = snapshot.counts.byRunStatus.succeeded + snapshot.counts.byRunStatus.failed + snapshot.counts.byRunStatus.partially_succeeded + snapshot.counts.byRunStatus.cancelled;
  return ended <= countedEnded;
}

describe("batches.watch", () => {
  it("tells the batch's progress as its runs finish — counts, status and the named rows' runs together — then ends when it is done", async () => {
    const world = await seedWorld(prisma);
    const { batchId, runIds } = await startBatch(world, 2);
    const [first, second, third] = runIds as [string, string, string];
    const iterator = (await callerAs(env(), world.users.owner).batches.watch({ batchId, runIds: [first, second] }))[Symbol.asyncIterator]();

    const opening = await next(iterator);
    expect(opening.value).toMatchObject({
      batchId,
      status: "running",
      counts: { total: 4, byOutcome: { accepted: 3, blocked: 1 }, byRunStatus: { queued: 3, succeeded: 0 }, blockedByReason: { provider_consent_missing: 1 } },
    });
    expect((opening.value as BatchSnapshot).runs.map((run) => [run.runId, run.status]).sort()).toEqual([[first, "queued"], [second, "queued"]].sort());

    await runTo(first, "succeeded");
    const afterFirst = await until(iterator, (snapshot) => snapshot.counts.byRunStatus.succeeded === 1 && snapshot.counts.byRunStatus.running === 0);
    const last = afterFirst.at(-1)!;
    expect(last.status).toBe("running");
    expect(last.runs.find((run) => run.runId === first)).toEqual({ runId: first, status: "succeeded", counts: { seen: 2, changed: 2, failed: 0 } });
    expect(last.runs.find((run) => run.runId === second)?.status).toBe("queued");

    // A run not on the page moves: the counts move, the named runs are told as they are.
    await runTo(third, "failed");
    const afterThird = await until(iterator, (snapshot) => snapshot.counts.byRunStatus.failed === 1 && snapshot.counts.byRunStatus.running === 0);
    expect(afterThird.at(-1)).toMatchObject({ status: "running", counts: { byRunStatus: { queued: 1, succeeded: 1, failed: 1 } } });

    await runTo(second, "succeeded");
    const end = await until(iterator, (snapshot) => snapshot.status === "finished");
    expect(end.at(-1)).toMatchObject({ status: "finished", counts: { total: 4, byRunStatus: { queued: 0, running: 0, succeeded: 2, failed: 1 } } });
    expect(end.at(-1)?.runs.find((run) => run.runId === second)?.status).toBe("succeeded");
    // Done: the stream ends by itself.
    expect((await next(iterator)).done).toBe(true);
    for (const snapshot of [opening.value as BatchSnapshot, ...afterFirst, ...afterThird, ...end]) expect(agrees(snapshot)).toBe(true);
  });

  it("reads once per burst of transitions, not once per run", async () => {
    const world = await seedWorld(prisma);
    const { batchId, runIds } = await startBatch(world, 7);
    const iterator = (await callerAs(env(), world.users.owner).batches.watch({ batchId, runIds: [] }))[Symbol.asyncIterator]();
    expect((await next(iterator)).value?.counts.byRunStatus.queued).toBe(8);
    snapshotReads.length = 0;

    // Pulled while the runs move, as the SSE response does.
    const ending = until(iterator, (snapshot) => snapshot.status === "finished");
    // Eight runs claimed and finished one after the other, as a busy worker does: sixteen
    // announcements a few milliseconds apart.
    for (const runId of runIds) await runTo(runId, "succeeded");
    const end = await ending;
    expect(end.at(-1)?.counts.byRunStatus.succeeded).toBe(8);
    expect((await next(iterator)).done).toBe(true);
    expect(snapshotReads.length).toBeGreaterThanOrEqual(1);
    expect(snapshotReads.length).toBeLessThan(runIds.length);
  });

  it("shares one read per burst between the watches of the same rows for the same viewer (the tabs of one page)", async () => {
    const world = await seedWorld(prisma);
    const { batchId, runIds } = await startBatch(world, 1);
    const owner = callerAs(env(), world.users.owner);
    const tabs = await Promise.all([1, 2, 3, 4].map(async () => (await owner.batches.watch({ batchId, runIds }))[Symbol.asyncIterator]()));
    for (const tab of tabs) expect((await next(tab)).value?.counts.byRunStatus.queued).toBe(2);
    snapshotReads.length = 0;

    // Pulled while the run moves, as the SSE responses do.
    const told = Promise.all(tabs.map((tab) => until(tab, (snapshot) => snapshot.counts.byRunStatus.succeeded === 1)));
    await runTo(runIds[0]!, "succeeded");
    const seen = await told;
    for (const snapshots of seen) expect(snapshots.at(-1)).toEqual(seen[0]!.at(-1));
    // One read per burst for the four (a slow machine may split the claim and the end into two bursts).
    expect(snapshotReads.length).toBeGreaterThanOrEqual(1);
    expect(snapshotReads.length).toBeLessThan(tabs.length);
    for (const tab of tabs) await tab.return?.(undefined);
  });

  it("answers a foreign or unknown batch NOT_FOUND, and a run that is not one of the caller's rows of this batch like an unknown one", async () => {
    const world = await seedWorld(prisma);
    const { batchId, runIds } = await startBatch(world, 0);
    const owner = callerAs(env(), world.users.owner);
    const unknown = await rejection(owner.batches.watch({ batchId: randomUUID() }));
    expect(unknown).toEqual({ code: "NOT_FOUND", message: "No such batch." });
    expect(await rejection(owner.batches.watch({ batchId: world.away.batch.id }))).toEqual(unknown);
    expect(await rejection(callerAs(env(), world.users.outsider).batches.watch({ batchId }))).toEqual(unknown);

    // A run of another batch, or a random id, among the named rows: NOT_FOUND for the whole request.
    const noRun = await rejection(owner.batches.watch({ batchId, runIds: [randomUUID()] }));
    expect(noRun).toEqual({ code: "NOT_FOUND", message: "No such run." });
    expect(await rejection(owner.batches.watch({ batchId, runIds: [world.home.failedRun.id] }))).toEqual(noRun);
    // Same workspace, entitled to Fabrikam only: Contoso's run is not one of its rows, and its view of
    // the batch counts only Fabrikam's blocked row — finished, so the stream ends at once.
    const restricted = callerAs(env(), world.users.restricted);
    expect(await rejection(restricted.batches.watch({ batchId, runIds }))).toEqual(noRun);
    const iterator = (await restricted.batches.watch({ batchId }))[Symbol.asyncIterator]();
    const only = await next(iterator);
    expect(only.value).toMatchObject({ status: "finished", counts: { total: 1, byOutcome: { accepted: 0, blocked: 1 } }, runs: [] });
    expect(JSON.stringify(only.value)).not.toContain(world.tenants.ready.tenant.id);
    expect((await next(iterator)).done).toBe(true);
    expect((await rejection(callerAs(env(), null).batches.watch({ batchId }))).code).toBe("UNAUTHORIZED");
  });

  it("without a listener (no feed) still follows the batch by re-reading it", async () => {
    const world = await seedWorld(prisma);
    const { batchId, runIds } = await startBatch(world, 0);
    const iterator = (await callerAs(testEnvironment(prisma), world.users.owner).batches.watch({ batchId, runIds }))[Symbol.asyncIterator]();
    expect((await next(iterator)).value?.status).toBe("running");
    await runTo(runIds[0]!, "succeeded");
    const end = await until(iterator, (snapshot) => snapshot.status === "finished");
    expect(end.at(-1)?.runs).toEqual([{ runId: runIds[0], status: "succeeded", counts: { seen: 2, changed: 2, failed: 0 } }]);
    expect((await next(iterator)).done).toBe(true);
  });
});
