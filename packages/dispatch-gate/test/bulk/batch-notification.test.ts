// One notification per finished batch, with its rollup; the per-run terminal notifications of its
// runs are folded into it — also when its last runs end at the same moment in separate transactions.
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { batchCounts, finishRun, startMany, startRun, startOperation } from "../../src";
import { createPrismaClient } from "@tenantpilot/db";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { seedUser } from "../fixtures";
import { everyTenant, seedReadyTenants } from "./bulk-fixtures";

const prisma = testPrisma(20);
const statements: string[] = [];
const counted = createPrismaClient(testDatabaseUrl(), { maxConnections: 2, onStatement: (sql) => statements.push(sql) });
afterAll(() => Promise.all([prisma.$disconnect(), counted.$disconnect()]));

async function runIdsOf(batchId: string): Promise<string[]> {
  return (await prisma.operationRun.findMany({ where: { batchId }, select: { id: true } })).map((run) => run.id);
}

describe("the notification of a batch", () => {
  it("is one, when the last run ends, and none per run", async () => {
    const user = await seedUser(prisma);
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 3);
    await prisma.providerConnection.updateMany({ where: { tenantId: tenants[2]!.id }, data: { consentState: "pending" } });
    const batch = await startMany(prisma, { workspaceId, tenants, operation: "inventory.sync", initiator: { kind: "user", userId: user.id }, idempotencyKey: randomUUID(), selection: everyTenant });
    const [first, second] = await runIdsOf(batch.batch.id);
    for (const runId of [first!, second!]) await startRun(prisma, runId, { workerId: "test" });

    await finishRun(prisma, first!, { status: "succeeded", counts: { seen: 3, changed: 1, failed: 0 } });
    expect(await prisma.notification.count({ where: { userId: user.id } })).toBe(0);
    await finishRun(prisma, second!, { status: "failed", reason: "provider_unavailable" });

    const notes = await prisma.notification.findMany({ where: { userId: user.id } });
    expect(notes).toEqual([
      expect.objectContaining({ kind: "batch.finished", batchId: batch.batch.id, runId: null, title: "Sync inventory on 3 tenants: Finished", body: "1 succeeded · 1 failed · 1 blocked" }),
    ]);
    const counts = (await batchCounts(prisma, [batch.batch.id])).get(batch.batch.id);
    expect(counts).toMatchObject({ total: 3, byOutcome: { accepted: 2, blocked: 1 }, byRunStatus: { succeeded: 1, failed: 1, queued: 0, running: 0 }, blockedByReason: { provider_consent_missing: 1 } });
  });

  it("is exactly one when the last runs end at once", async () => {
    for (let round = 0; round < 5; round++) {
      const user = await seedUser(prisma);
      const { workspaceId, tenants } = await seedReadyTenants(prisma, 6);
      const batch = await startMany(prisma, { workspaceId, tenants, operation: "directory.sync", initiator: { kind: "user", userId: user.id }, idempotencyKey: randomUUID(), selection: everyTenant });
      const runIds = await runIdsOf(batch.batch.id);
      await Promise.all(runIds.map((runId) => startRun(prisma, runId, { workerId: "test" })));
      await Promise.all(runIds.map((runId) => finishRun(prisma, runId, { status: "succeeded" })));
      expect(await prisma.notification.count({ where: { userId: user.id, kind: "batch.finished" } })).toBe(1);
      expect(await prisma.notification.count({ where: { userId: user.id, kind: "run.terminal" } })).toBe(0);
    }
  });

  it("comes at once for a batch with nothing to run, waits for a run it deduped onto, and never comes for a schedule's batch", async () => {
    const user = await seedUser(prisma);
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 2);
    await prisma.providerConnection.updateMany({ where: { tenantId: { in: tenants.map((t) => t.id) } }, data: { enabled: false } });
    const allBlocked = await startMany(prisma, { workspaceId, tenants, operation: "inventory.sync", initiator: { kind: "user", userId: user.id }, idempotencyKey: randomUUID(), selection: everyTenant });
    expect(await prisma.notification.findMany({ where: { batchId: allBlocked.batch.id } })).toEqual([
      expect.objectContaining({ body: "2 blocked" }),
    ]);

    const other = await seedReadyTenants(prisma, 1);
    const single = await startOperation(prisma, { tenantId: other.tenants[0]!.id, operation: "inventory.sync", initiator: { kind: "user", userId: user.id } });
    if (single.outcome !== "accepted") throw new Error("expected accepted");
    const onto = await startMany(prisma, { workspaceId: other.workspaceId, tenants: other.tenants, operation: "inventory.sync", initiator: { kind: "user", userId: user.id }, idempotencyKey: randomUUID(), selection: everyTenant });
    expect(onto.rollup.byOutcome.deduped).toBe(1);
    expect(await prisma.notification.count({ where: { batchId: onto.batch.id } })).toBe(0);
    await startRun(prisma, single.run.id, { workerId: "test" });
    await finishRun(prisma, single.run.id, { status: "succeeded" });
    // The single start keeps its own notification; the batch that deduped onto it gets its one.
    expect(await prisma.notification.count({ where: { runId: single.run.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { batchId: onto.batch.id, kind: "batch.finished" } })).toBe(1);

    const scheduled = await seedReadyTenants(prisma, 1);
    const system = await startMany(prisma, { workspaceId: scheduled.workspaceId, tenants: scheduled.tenants, operation: "inventory.sync", initiator: { kind: "system" }, idempotencyKey: randomUUID(), selection: everyTenant });
    const [runId] = await runIdsOf(system.batch.id);
    await startRun(prisma, runId!, { workerId: "test" });
    await finishRun(prisma, runId!, { status: "succeeded" });
    expect(await prisma.notification.count({ where: { batchId: system.batch.id } })).toBe(0);
  });

  it("counts a batch's rows once, when its last run ends — not at every run's end", async () => {
    const user = await seedUser(prisma);
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 40);
    const batch = await startMany(prisma, { workspaceId, tenants, operation: "inventory.sync", initiator: { kind: "user", userId: user.id }, idempotencyKey: randomUUID(), selection: everyTenant });
    const runIds = await runIdsOf(batch.batch.id);
    expect(runIds).toHaveLength(40);
    await Promise.all(runIds.map((runId) => startRun(prisma, runId, { workerId: "test" })));
    const countingTheBatch = () => statements.filter((sql) => /count\(\*\)/i.test(sql) && sql.includes("batch_entries")).length;

    for (const runId of runIds.slice(0, -1)) await finishRun(counted, runId, { status: "succeeded" });
    expect(countingTheBatch()).toBe(0);
    expect(await prisma.notification.count({ where: { batchId: batch.batch.id } })).toBe(0);

    await finishRun(counted, runIds.at(-1)!, { status: "failed", reason: "provider_unavailable" });
    expect(countingTheBatch()).toBe(1);
    expect(await prisma.notification.findMany({ where: { batchId: batch.batch.id } })).toEqual([
      expect.objectContaining({ kind: "batch.finished", body: "39 succeeded · 1 failed" }),
    ]);
  });
});
