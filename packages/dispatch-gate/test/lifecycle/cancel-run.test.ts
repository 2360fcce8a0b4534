import { afterAll, describe, expect, it } from "vitest";
import { cancelRun, confirmCancellation, describe as describeWords, finishRun, heartbeat, startOperation, startRun } from "../../src";
import { testPrisma } from "@tenantpilot/test-support";
import { admittedRun, jobOf, notificationsOf } from "./lifecycle-fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

describe("cancelRun on a queued run", () => {
  it("cancels it, removes its job, frees the scope, notifies the initiator and audits the canceller", async () => {
    const { runId, tenant, user } = await admittedRun(prisma);
    expect(await jobOf(prisma, tenant.id)).not.toBeNull();

    const result = await cancelRun(prisma, runId, { by: { kind: "user", userId: user.id } });
    expect(result).toEqual({
      ok: true,
      outcome: "cancelled",
      run: { id: runId, operation: "inventory.sync", status: "cancelled", href: `/admin/operations/${runId}` },
    });

    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "cancelled", reasonCode: "run_cancelled" });
    expect(run.finishedAt).not.toBeNull();
    expect(await jobOf(prisma, tenant.id)).toBeNull();

    const [notification, ...more] = await notificationsOf(prisma, runId);
    expect(more).toHaveLength(0);
    expect(notification).toMatchObject({
      userId: user.id,
      title: "Sync inventory: Cancelled",
      body: `Contoso: ${describeWords({ reason: "run_cancelled", context: { tenantSlug: tenant.slug, runId } }).message}`,
    });
    // Beside the accepted start's own row (operation.accepted, written at admission).
    const audit = await prisma.auditLogEntry.findMany({ where: { targetId: runId, action: { not: "operation.accepted" } } });
    expect(audit).toEqual([expect.objectContaining({ action: "run.cancelled", actorKind: "user", actorUserId: user.id, operation: "inventory.sync" })]);

    // The scope is free: the same start is accepted again.
    const again = await startOperation(prisma, { tenantId: tenant.id, operation: "inventory.sync", initiator: { kind: "system" } });
    expect(again.outcome).toBe("accepted");
  });

  it("a worker that took the job just before the cancel finds the run cancelled and does nothing", async () => {
    const { runId, user } = await admittedRun(prisma);
    await cancelRun(prisma, runId, { by: { kind: "token", userId: user.id, tokenId: "tok-1" } });
    expect(await startRun(prisma, runId, { workerId: "late" })).toEqual({ ok: false, current: "cancelled" });
    const [audit] = await prisma.auditLogEntry.findMany({ where: { targetId: runId, action: { not: "operation.accepted" } } });
    expect(audit).toMatchObject({ actorKind: "token", details: { tokenId: "tok-1" } });
  });

  it("racing a worker's claim: exactly one of cancel and start wins", async () => {
    for (let i = 0; i < 5; i++) {
      const { runId, user } = await admittedRun(prisma);
      const [cancelled, started] = await Promise.all([
        cancelRun(prisma, runId, { by: { kind: "user", userId: user.id } }),
        startRun(prisma, runId, { workerId: "racer" }),
      ]);
      const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
      if (started.ok) {
        expect(cancelled).toMatchObject({ ok: true, outcome: "cancellation_requested" });
        expect(run.status).toBe("running");
      } else {
        expect(cancelled).toMatchObject({ ok: true, outcome: "cancelled" });
        expect(run.status).toBe("cancelled");
      }
    }
  });
});

describe("cancelRun on a running run", () => {
  it("records the request once; the worker sees it at its heartbeat and confirms the cancellation", async () => {
    const { runId, user } = await admittedRun(prisma);
    await startRun(prisma, runId, { workerId: "w" });
    expect(await heartbeat(prisma, runId)).toEqual({ ok: true, cancellationRequested: false });

    const first = await cancelRun(prisma, runId, { by: { kind: "user", userId: user.id } });
    const second = await cancelRun(prisma, runId, { by: { kind: "system" } });
    expect(first).toMatchObject({ ok: true, outcome: "cancellation_requested", run: { status: "running" } });
    expect(second).toMatchObject({ ok: true, outcome: "cancellation_requested" });
    expect(await prisma.auditLogEntry.count({ where: { targetId: runId, action: "run.cancellation_requested" } })).toBe(1);

    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("running");
    expect(run.diagnostics).toMatchObject({ cancellation: { by: { kind: "user", userId: user.id } } });
    expect(await notificationsOf(prisma, runId)).toHaveLength(0);

    expect(await heartbeat(prisma, runId)).toEqual({ ok: true, cancellationRequested: true });
    const confirmed = await confirmCancellation(prisma, runId, { counts: { seen: 5 } });
    expect(confirmed).toMatchObject({ ok: true, run: { status: "cancelled", reasonCode: "run_cancelled" } });
    expect(await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "cancelled", itemsSeen: 5 });
    expect(await notificationsOf(prisma, runId)).toHaveLength(1);
  });

  it("refuses to cancel a finished run", async () => {
    const { runId, user } = await admittedRun(prisma);
    await startRun(prisma, runId, { workerId: "w" });
    await finishRun(prisma, runId, { status: "succeeded" });
    expect(await cancelRun(prisma, runId, { by: { kind: "user", userId: user.id } })).toEqual({ ok: false, current: "succeeded" });
    expect(await prisma.auditLogEntry.count({ where: { targetId: runId, action: { not: "operation.accepted" } } })).toBe(0);
    expect(await notificationsOf(prisma, runId)).toHaveLength(1);
  });

  it("runs inside the caller's transaction: rolled back with it", async () => {
    const { runId, user } = await admittedRun(prisma);
    await expect(
      prisma.$transaction(async (tx) => {
        const result = await cancelRun(tx, runId, { by: { kind: "user", userId: user.id } });
        expect(result).toMatchObject({ ok: true, outcome: "cancelled" });
        throw new Error("caller changed its mind");
      }),
    ).rejects.toThrow("caller changed its mind");
    expect((await prisma.operationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("queued");
    expect(await notificationsOf(prisma, runId)).toHaveLength(0);
  });
});
