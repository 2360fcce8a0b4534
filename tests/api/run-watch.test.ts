// operations.watch (issue 13 item 5, ADR 028) against real PostgreSQL: run transitions are announced
// by the operation_runs trigger (NOTIFY), heard by one LISTEN connection per process and handed only
// to watchers authorized for the run's tenant; the listener survives losing its connection.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { finishRun, recordProgress, startRun } from "@tenantpilot/dispatch-gate";
import type { RunProgress } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "./support/api-caller";
import { listeningFeedForThisFile, nextWithin } from "./support/run-feed";
import { seedRun, seedWorld } from "./support/world";

const prisma = testPrisma(6);
const feed = listeningFeedForThisFile();
afterAll(() => prisma.$disconnect());

const env = () => ({ ...testEnvironment(prisma), runTransitions: feed() });

/** A run's whole life as the lifecycle service drives it for a worker. */
async function runToSuccess(runId: string, counts: { seen: number; changed: number; failed: number }) {
  expect((await startRun(prisma, runId, { workerId: "test-worker" })).ok).toBe(true);
  expect((await recordProgress(prisma, runId, { seen: 1, changed: 0, failed: 0 })).ok).toBe(true);
  expect((await finishRun(prisma, runId, { status: "succeeded", counts })).ok).toBe(true);
}

const next = (iterator: AsyncIterator<RunProgress>) => nextWithin(iterator);

async function rest(iterator: AsyncIterator<RunProgress>): Promise<RunProgress[]> {
  const states: RunProgress[] = [];
  for (let step = await next(iterator); !step.done; step = await next(iterator)) states.push(step.value);
  return states;
}

describe("operations.watch", () => {
  it("tells a watcher queued → running → succeeded with the counts, then ends; another tenant's transitions never reach it", async () => {
    // Each test its own world: an active run holds its tenant's scope.
    const world = await seedWorld(prisma);
    const run = await seedRun(prisma, world.tenants.ready.tenant.id, { status: "queued", userId: world.users.owner.id });
    const foreign = await seedRun(prisma, world.tenants.foreign.tenant.id, { status: "queued", userId: world.users.outsider.id });
    const iterator = (await callerAs(env(), world.users.owner).operations.watch({ runIds: [run.id] }))[Symbol.asyncIterator]();

    const first = await next(iterator);
    expect(first.value).toEqual({ runId: run.id, status: "queued", counts: { seen: 0, changed: 0, failed: 0 } });
    // The other workspace's run moves first; the watch must not say a word about it.
    await runToSuccess(foreign.id, { seen: 9, changed: 9, failed: 0 });
    await runToSuccess(run.id, { seen: 4, changed: 2, failed: 0 });

    const states = await rest(iterator);
    expect(states.map((state) => state.runId)).toEqual(states.map(() => run.id));
    expect(states.map((state) => state.status)).toEqual(["running", "running", "succeeded"]);
    expect(states[1]?.counts).toEqual({ seen: 1, changed: 0, failed: 0 });
    expect(states.at(-1)?.counts).toEqual({ seen: 4, changed: 2, failed: 0 });
  });

  it("answers a run of a tenant the caller cannot see exactly like a random id (NOT_FOUND), also among its own runs", async () => {
    // Each test its own world: an active run holds its tenant's scope.
    const world = await seedWorld(prisma);
    const own = await seedRun(prisma, world.tenants.ready.tenant.id, { status: "queued", userId: world.users.owner.id });
    const foreign = await seedRun(prisma, world.tenants.foreign.tenant.id, { status: "queued", userId: world.users.outsider.id });
    const owner = callerAs(env(), world.users.owner);
    const random = await rejection(owner.operations.watch({ runIds: [randomUUID()] }));
    expect(random.code).toBe("NOT_FOUND");
    expect(await rejection(owner.operations.watch({ runIds: [foreign.id] }))).toEqual(random);
    expect(await rejection(owner.operations.watch({ runIds: [own.id, foreign.id] }))).toEqual(random);
    // Same workspace, not entitled to the run's tenant.
    expect(await rejection(callerAs(env(), world.users.restricted).operations.watch({ runIds: [own.id] }))).toEqual(random);
    expect((await rejection(callerAs(env(), null).operations.watch({ runIds: [own.id] }))).code).toBe("UNAUTHORIZED");
  });

  it("hands a transition only to watchers of that run's tenant, even when a watcher names the run's id", async () => {
    // Each test its own world: an active run holds its tenant's scope.
    const world = await seedWorld(prisma);
    const foreign = await seedRun(prisma, world.tenants.foreign.tenant.id, { status: "queued", userId: world.users.outsider.id });
    const wrongTenant: string[] = [];
    const rightTenant: string[] = [];
    const stopWrong = feed().watch({
      runIds: new Set([foreign.id]),
      tenantIds: new Set([world.tenants.ready.tenant.id]),
      deliver: (event) => wrongTenant.push(event.kind === "transition" ? event.transition.progress.status : event.kind),
    });
    const stopRight = feed().watch({
      runIds: new Set([foreign.id]),
      tenantIds: new Set([world.tenants.foreign.tenant.id]),
      deliver: (event) => rightTenant.push(event.kind === "transition" ? event.transition.progress.status : event.kind),
    });
    try {
      await runToSuccess(foreign.id, { seen: 1, changed: 1, failed: 0 });
      await expect.poll(() => rightTenant, { timeout: 10_000 }).toEqual(["running", "running", "succeeded"]);
      expect(wrongTenant).toEqual([]);
    } finally {
      stopWrong();
      stopRight();
    }
  });

  it("ends at once for a run that has already ended, with its final state", async () => {
    // Each test its own world: an active run holds its tenant's scope.
    const world = await seedWorld(prisma);
    const iterator = (await callerAs(env(), world.users.owner).operations.watch({ runIds: [world.home.failedRun.id] }))[Symbol.asyncIterator]();
    expect(await rest(iterator)).toEqual([{ runId: world.home.failedRun.id, status: "failed", counts: { seen: 0, changed: 0, failed: 0 } }]);
  });

  it("without a listener (no feed) still follows the run by re-reading it", async () => {
    // Each test its own world: an active run holds its tenant's scope.
    const world = await seedWorld(prisma);
    const run = await seedRun(prisma, world.tenants.ready.tenant.id, { status: "queued", userId: world.users.owner.id });
    const iterator = (await callerAs(testEnvironment(prisma), world.users.owner).operations.watch({ runIds: [run.id] }))[Symbol.asyncIterator]();
    expect((await next(iterator)).value?.status).toBe("queued");
    await runToSuccess(run.id, { seen: 2, changed: 2, failed: 0 });
    expect((await rest(iterator)).at(-1)).toEqual({ runId: run.id, status: "succeeded", counts: { seen: 2, changed: 2, failed: 0 } });
  });

  it("reconnects after the database drops the listener's connection, and re-reads what was announced meanwhile", async () => {
    // Each test its own world: an active run holds its tenant's scope.
    const world = await seedWorld(prisma);
    const run = await seedRun(prisma, world.tenants.ready.tenant.id, { status: "queued", userId: world.users.owner.id });
    const iterator = (await callerAs(env(), world.users.owner).operations.watch({ runIds: [run.id] }))[Symbol.asyncIterator]();
    expect((await next(iterator)).value?.status).toBe("queued");

    const before = feed().backendPid();
    expect(before).not.toBeNull();
    await prisma.$queryRaw`SELECT pg_terminate_backend(${before}::int)`;
    // Claimed while nobody listens (the listener waits 400 ms before reconnecting): this
    // announcement is lost, the re-read after the reconnect finds the run running.
    expect((await startRun(prisma, run.id, { workerId: "test-worker" })).ok).toBe(true);
    const running = await next(iterator);
    expect(running.value).toEqual({ runId: run.id, status: "running", counts: { seen: 0, changed: 0, failed: 0 } });
    expect(feed().backendPid()).not.toBe(before);

    // And the new connection hears the next transitions.
    expect((await finishRun(prisma, run.id, { status: "failed", reason: "provider_unavailable", counts: { seen: 3, changed: 0, failed: 3 } })).ok).toBe(true);
    expect(await rest(iterator)).toEqual([{ runId: run.id, status: "failed", counts: { seen: 3, changed: 0, failed: 3 } }]);
  });
});
