import { afterAll, describe, expect, it } from "vitest";
import {
  beginRetry,
  confirmCancellation,
  describe as describeWords,
  finishRun,
  heartbeat,
  recordProgress,
  startRun,
  type FinishRunInput,
} from "../../src";
import { testPrisma } from "@tenantpilot/test-support";
import { admittedRun, notificationsOf } from "./lifecycle-fixtures";

const prisma = testPrisma(20);
afterAll(() => prisma.$disconnect());

const worker = { workerId: "test-worker" };

describe("startRun", () => {
  it("claims a queued run: running, first attempt, started and beating now", async () => {
    const { runId, tenant, connection } = await admittedRun(prisma);
    const claimed = await startRun(prisma, runId, worker);

    expect(claimed.ok).toBe(true);
    if (!claimed.ok) return;
    expect(claimed.run).toMatchObject({
      id: runId,
      tenantId: tenant.id,
      operation: "inventory.sync",
      providerConnectionId: connection!.id,
      attempt: 1,
      maxAttempts: 3,
    });
    expect(claimed.run.connectionSnapshot).toMatchObject({ id: connection!.id, identityVersion: 1 });
    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("running");
    expect(run.startedAt).not.toBeNull();
    expect(run.heartbeatAt).not.toBeNull();
    expect(run.diagnostics).toMatchObject({ worker: { id: "test-worker" } });
  });

  it("refuses a second claim and says what the run is now", async () => {
    const { runId } = await admittedRun(prisma);
    expect((await startRun(prisma, runId, worker)).ok).toBe(true);
    expect(await startRun(prisma, runId, { workerId: "other" })).toEqual({ ok: false, current: "running" });
    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.attempt).toBe(1);
  });

  it("answers current: null for a run that does not exist (or a malformed id)", async () => {
    expect(await startRun(prisma, "00000000-0000-4000-8000-000000000000", worker)).toEqual({ ok: false, current: null });
    expect(await startRun(prisma, "not-a-uuid", worker)).toEqual({ ok: false, current: null });
  });
});

describe("illegal transitions are refused as values, never overwritten", () => {
  it("cannot finish a queued run, nor beat or progress it", async () => {
    const { runId } = await admittedRun(prisma);
    expect(await finishRun(prisma, runId, { status: "succeeded" })).toEqual({ ok: false, current: "queued" });
    expect(await heartbeat(prisma, runId)).toEqual({ ok: false, current: "queued" });
    expect(await recordProgress(prisma, runId, { seen: 3 })).toEqual({ ok: false, current: "queued" });
    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "queued", itemsSeen: 0, finishedAt: null });
  });

  it("cannot leave a terminal status: a failed run stays failed", async () => {
    const { runId } = await admittedRun(prisma);
    await startRun(prisma, runId, worker);
    expect((await finishRun(prisma, runId, { status: "failed", reason: "provider_unavailable" })).ok).toBe(true);

    expect(await finishRun(prisma, runId, { status: "succeeded", counts: { seen: 9 } })).toEqual({ ok: false, current: "failed" });
    expect(await startRun(prisma, runId, worker)).toEqual({ ok: false, current: "failed" });
    expect(await heartbeat(prisma, runId)).toEqual({ ok: false, current: "failed" });
    expect(await beginRetry(prisma, runId, { reason: "provider_unavailable", message: "x", delayMs: 1 })).toEqual({ ok: false, current: "failed" });
    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "failed", reasonCode: "provider_unavailable", itemsSeen: 0 });
    expect(await notificationsOf(prisma, runId)).toHaveLength(1);
  });

  it("a worker cannot cancel a run on its own: confirmCancellation needs a request", async () => {
    const { runId } = await admittedRun(prisma);
    await startRun(prisma, runId, worker);
    expect(await confirmCancellation(prisma, runId)).toEqual({ ok: false, current: "running" });
  });
});

describe("while running", () => {
  it("heartbeat moves heartbeat_at and reports no cancellation", async () => {
    const { runId } = await admittedRun(prisma);
    await startRun(prisma, runId, worker);
    await prisma.$executeRaw`UPDATE operation_runs SET heartbeat_at = now() - interval '1 minute' WHERE id = ${runId}::uuid`;
    const before = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(await heartbeat(prisma, runId)).toEqual({ ok: true, cancellationRequested: false });
    const after = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(after.heartbeatAt!.getTime()).toBeGreaterThan(before.heartbeatAt!.getTime() + 50_000);
  });

  it("recordProgress stores absolute counts; omitted counts keep their value", async () => {
    const { runId } = await admittedRun(prisma);
    await startRun(prisma, runId, worker);
    await recordProgress(prisma, runId, { seen: 10, changed: 2 }, { backup: { backupSetId: "set-1" } });
    await recordProgress(prisma, runId, { seen: 26 });
    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ itemsSeen: 26, itemsChanged: 2, itemsFailed: 0 });
    expect(run.diagnostics).toMatchObject({ backup: { backupSetId: "set-1" } });
  });

  it("beginRetry counts attempts up to max_attempts and keeps each failure in diagnostics", async () => {
    const { runId } = await admittedRun(prisma);
    await startRun(prisma, runId, worker);
    expect(await beginRetry(prisma, runId, { reason: "provider_throttled", message: "429", delayMs: 10 })).toEqual({ ok: true, attempt: 2 });
    expect(await beginRetry(prisma, runId, { reason: "provider_unavailable", message: "503", delayMs: 20 })).toEqual({ ok: true, attempt: 3 });
    // max_attempts (3, from the catalogue) used up: no fourth attempt.
    expect(await beginRetry(prisma, runId, { reason: "provider_unavailable", message: "503", delayMs: 40 })).toEqual({ ok: false, current: "running" });

    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.attempt).toBe(3);
    expect((run.diagnostics as { retries: unknown[] }).retries).toEqual([
      expect.objectContaining({ attempt: 1, reason: "provider_throttled", message: "429", retryInMs: 10 }),
      expect.objectContaining({ attempt: 2, reason: "provider_unavailable", message: "503", retryInMs: 20 }),
    ]);
  });
});

describe("finishRun", () => {
  it("ends a user's run with one notification in the start surface's words", async () => {
    const { runId, tenant, connection, user } = await admittedRun(prisma);
    await startRun(prisma, runId, worker);
    const finished = await finishRun(prisma, runId, {
      status: "failed",
      reason: "provider_permission_missing",
      missingPermissions: ["DeviceManagementConfiguration.Read.All"],
      detail: "Graph answered 403 (request id r-1).",
      counts: { seen: 4 },
    });
    expect(finished).toEqual({
      ok: true,
      run: { id: runId, operation: "inventory.sync", status: "failed", reasonCode: "provider_permission_missing", notified: true },
    });

    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "failed", reasonCode: "provider_permission_missing", reasonDetail: "Graph answered 403 (request id r-1).", itemsSeen: 4 });
    expect(run.finishedAt).not.toBeNull();

    const sentence = describeWords({
      reason: "provider_permission_missing",
      context: { tenantSlug: tenant.slug, connectionId: connection!.id, runId },
      detail: { missingPermissions: ["DeviceManagementConfiguration.Read.All"] },
    }).message;
    const [notification, ...more] = await notificationsOf(prisma, runId);
    expect(more).toHaveLength(0);
    expect(notification).toMatchObject({
      userId: user.id,
      tenantId: tenant.id,
      kind: "run.terminal",
      title: "Sync inventory: Failed",
      body: `Contoso: ${sentence}`,
    });
  });

  it("tells success and partial success in counts", async () => {
    const ok = await admittedRun(prisma);
    await startRun(prisma, ok.runId, worker);
    await finishRun(prisma, ok.runId, { status: "succeeded", counts: { seen: 26, changed: 3 } });
    expect((await notificationsOf(prisma, ok.runId))[0]).toMatchObject({ title: "Sync inventory: Succeeded", body: "Contoso: 26 items seen, 3 changed." });

    const partial = await admittedRun(prisma);
    await startRun(prisma, partial.runId, worker);
    await finishRun(prisma, partial.runId, { status: "partially_succeeded", counts: { seen: 26, changed: 24, failed: 2 } });
    expect((await notificationsOf(prisma, partial.runId))[0]).toMatchObject({
      title: "Sync inventory: Partially succeeded",
      body: "Contoso: 2 of 26 items failed.",
    });
  });

  it("notifies nobody for a system run", async () => {
    const { runId } = await admittedRun(prisma, { initiator: "system" });
    await startRun(prisma, runId, worker);
    const finished = await finishRun(prisma, runId, { status: "succeeded" });
    expect(finished.ok && finished.run.notified).toBe(false);
    expect(await prisma.notification.count({ where: { runId } })).toBe(0);
    expect((await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("succeeded");
  });

  it("of concurrent finishes exactly one wins, and there is exactly one notification", async () => {
    const { runId } = await admittedRun(prisma);
    await startRun(prisma, runId, worker);
    const contenders: FinishRunInput[] = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? { status: "succeeded", counts: { seen: i } } : { status: "failed", reason: "provider_unavailable", counts: { seen: i } },
    );
    const results = await Promise.all(contenders.map((input) => finishRun(prisma, runId, input)));

    const winners = results.filter((result) => result.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    if (!winner.ok) return;
    const losers = results.filter((result) => !result.ok);
    expect(losers).toHaveLength(11);
    for (const loser of losers) expect(loser).toEqual({ ok: false, current: winner.run.status });

    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe(winner.run.status);
    expect(await notificationsOf(prisma, runId)).toHaveLength(1);
  });
});
