import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { describe as describeWords, failLostRuns, finishRun, heartbeat, startMany, startOperation, startRun } from "../../src";
import { testPrisma } from "@tenantpilot/test-support";
import { seedReadyTenants } from "../bulk/bulk-fixtures";
import { admittedRun, jobById, lockJobAsDeadWorker, notificationsOf } from "./lifecycle-fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

const bound = { staleAfterMs: 60_000 };

async function silentFor(runId: string, ms: number) {
  await prisma.$executeRaw`UPDATE operation_runs SET heartbeat_at = now() - ${ms}::int * interval '1 millisecond' WHERE id = ${runId}::uuid`;
}

describe("failLostRuns", () => {
  it("fails a running run whose heartbeat is older than the bound as worker_lost, and neutralises its locked job", async () => {
    const { runId, tenant, user } = await admittedRun(prisma);
    const jobId = await lockJobAsDeadWorker(prisma, runId, 90_000);
    await startRun(prisma, runId, { workerId: "dead-worker" });
    await silentFor(runId, 90_000);

    const { failed } = await failLostRuns(prisma, bound);
    expect(failed.map((run) => run.id)).toContain(runId);

    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "failed", reasonCode: "worker_lost" });
    expect(run.reasonDetail).toMatch(/No heartbeat from the worker since .* \(bound 60 s\)/);
    expect(run.diagnostics).toMatchObject({ lost: { boundMs: 60_000 } });

    // The dead worker is unlocked (its named queues free again), but its job can never run again:
    // no key, no attempts left.
    const job = await jobById(prisma, jobId);
    expect(job).toMatchObject({ key: null, locked_by: null });
    expect(job!.attempts).toBe(job!.max_attempts);

    const [notification] = await notificationsOf(prisma, runId);
    expect(notification).toMatchObject({
      userId: user.id,
      title: "Sync inventory: Failed",
      body: `Contoso: ${describeWords({ reason: "worker_lost", context: { tenantSlug: tenant.slug, runId } }).message}`,
    });

    // The scope is free again, and the new run's job is a fresh one beside the dead one.
    const again = await startOperation(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: { kind: "system" } });
    expect(again.outcome).toBe("accepted");
  });

  it("leaves runs alone that beat within the bound, and queued runs nobody took", async () => {
    const fresh = await admittedRun(prisma);
    await startRun(prisma, fresh.runId, { workerId: "alive" });
    await silentFor(fresh.runId, 30_000);
    const waiting = await admittedRun(prisma);

    const { failed } = await failLostRuns(prisma, bound);
    expect(failed.map((run) => run.id)).not.toContain(fresh.runId);
    expect(failed.map((run) => run.id)).not.toContain(waiting.runId);
    expect((await prisma.operationRun.findUniqueOrThrow({ where: { id: fresh.runId } })).status).toBe("running");
    expect((await prisma.operationRun.findUniqueOrThrow({ where: { id: waiting.runId } })).status).toBe("queued");
  });

  it("the queued-run boundary: a job a live worker locked just now, or just inside the bound, is not lost; just past it is", async () => {
    const justNow = await admittedRun(prisma, { initiator: "system" });
    await lockJobAsDeadWorker(prisma, justNow.runId, 0);
    const inside = await admittedRun(prisma, { initiator: "system" });
    await lockJobAsDeadWorker(prisma, inside.runId, bound.staleAfterMs - 5_000);
    const past = await admittedRun(prisma, { initiator: "system" });
    await lockJobAsDeadWorker(prisma, past.runId, bound.staleAfterMs + 5_000);

    const failedIds = (await failLostRuns(prisma, bound)).failed.map((run) => run.id);
    expect(failedIds).toContain(past.runId);
    expect(failedIds).not.toContain(justNow.runId);
    expect(failedIds).not.toContain(inside.runId);
    for (const { runId } of [justNow, inside]) {
      expect(await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "queued", reasonCode: null });
    }
    // The live worker claims its run as usual afterwards.
    expect((await startRun(prisma, justNow.runId, { workerId: "alive" })).ok).toBe(true);
  });

  it("fails a queued run whose job a worker took longer ago than the bound (it died before claiming)", async () => {
    const { runId } = await admittedRun(prisma, { initiator: "system" });
    const jobId = await lockJobAsDeadWorker(prisma, runId, 90_000);

    const { failed } = await failLostRuns(prisma, bound);
    expect(failed.map((run) => run.id)).toContain(runId);
    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "failed", reasonCode: "worker_lost" });
    expect(run.reasonDetail).toMatch(/never started the run/);
    const job = await jobById(prisma, jobId);
    expect(job!.attempts).toBe(job!.max_attempts);
    expect(await notificationsOf(prisma, runId)).toHaveLength(0);
  });

  it("a run that finishes while being reaped ends once: either finished or lost, one notification", async () => {
    for (let i = 0; i < 5; i++) {
      const { runId } = await admittedRun(prisma);
      await startRun(prisma, runId, { workerId: "slow" });
      await silentFor(runId, 90_000);
      const [finished, reaped] = await Promise.all([finishRun(prisma, runId, { status: "succeeded" }), failLostRuns(prisma, bound)]);
      const lost = reaped.failed.some((run) => run.id === runId);
      expect(finished.ok).toBe(!lost);
      const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
      expect(run.status).toBe(lost ? "failed" : "succeeded");
      expect(await notificationsOf(prisma, runId)).toHaveLength(1);
      // A worker whose run was reaped learns it at its next heartbeat.
      if (lost) expect(await heartbeat(prisma, runId)).toEqual({ ok: false, current: "failed" });
    }
  });

  it("concurrent reapers fail each lost run once", async () => {
    const runs = await Promise.all(Array.from({ length: 4 }, () => admittedRun(prisma)));
    for (const { runId } of runs) {
      await startRun(prisma, runId, { workerId: "gone" });
      await silentFor(runId, 90_000);
    }
    const results = await Promise.all([failLostRuns(prisma, bound), failLostRuns(prisma, bound), failLostRuns(prisma, bound)]);
    const ids = results.flatMap((result) => result.failed.map((run) => run.id)).filter((id) => runs.some((run) => run.runId === id));
    expect(ids.sort()).toEqual(runs.map((run) => run.runId).sort());
    for (const { runId } of runs) expect(await notificationsOf(prisma, runId)).toHaveLength(1);
  });

  it("frees the named queue a dead worker held for a batch job, so the workspace's other batch jobs run again", async () => {
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 1);
    const batch = await startMany(prisma, { workspaceId, tenants, operation: "inventory.sync", initiator: { kind: "system" }, idempotencyKey: randomUUID(), selection: { kind: "filter", filter: {} } });
    const runId = batch.items[0]!.result.outcome === "accepted" ? batch.items[0]!.result.run.id : "";
    await lockJobAsDeadWorker(prisma, runId, 90_000);
    // What graphile-worker's get_job does with a named queue when it takes one of its jobs.
    await prisma.$executeRaw`
      UPDATE graphile_worker._private_job_queues q SET locked_by = 'dead-worker', locked_at = now() - interval '90 seconds'
        FROM graphile_worker._private_jobs j WHERE j.payload->>'runId' = ${runId} AND q.id = j.job_queue_id`;
    await startRun(prisma, runId, { workerId: "dead-worker" });
    await silentFor(runId, 90_000);

    await failLostRuns(prisma, bound);
    const queues = await prisma.$queryRaw<{ locked_by: string | null }[]>`
      SELECT locked_by FROM graphile_worker._private_job_queues WHERE queue_name LIKE ${`batch:${workspaceId}:%`}`;
    expect(queues.length).toBeGreaterThan(0);
    expect(queues.every((queue) => queue.locked_by === null)).toBe(true);
  });
});
