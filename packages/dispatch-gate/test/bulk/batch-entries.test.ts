// An accepted tenant's batch row IS its run (ADR 036): batch_items stores the other three outcomes,
// batch_entries reads every row of a batch, and every reader answers from it what it answered when the
// accepted rows were stored — the repeated key's answer, the counts, the finished notification.
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { batchCounts, finishRun, readBatchResult, startMany, startOperation, startRun } from "../../src";
import { testPrisma } from "@tenantpilot/test-support";
import { seedUser } from "../fixtures";
import { everyTenant, seedReadyTenants } from "./bulk-fixtures";

const prisma = testPrisma(8);
afterAll(() => prisma.$disconnect());

interface Entry {
  tenant_id: string;
  outcome: string;
  run_id: string | null;
}

const entriesOf = (batchId: string) =>
  prisma.$queryRaw<Entry[]>`SELECT tenant_id, outcome, run_id FROM batch_entries WHERE batch_id = ${batchId}::uuid ORDER BY tenant_id`;

async function mixedBatch() {
  const user = await seedUser(prisma);
  const initiator = { kind: "user" as const, userId: user.id };
  const { workspaceId, tenants } = await seedReadyTenants(prisma, 6);
  const [running, blocked] = tenants as [(typeof tenants)[0], (typeof tenants)[0]];
  const first = await startOperation(prisma, { tenantId: running.id, operation: "inventory.sync", initiator });
  if (first.outcome !== "accepted") throw new Error("expected the first start to be accepted");
  await prisma.providerConnection.updateMany({ where: { tenantId: blocked.id }, data: { consentState: "revoked" } });
  const key = randomUUID();
  const result = await startMany(prisma, { workspaceId, tenants, operation: "inventory.sync", initiator, idempotencyKey: key, selection: everyTenant });
  return { user, initiator, workspaceId, tenants, key, result, first };
}

describe("batch entries: an accepted tenant's row is its run", () => {
  it("stores no row for accepted tenants; their runs are exactly the batch's accepted entries", async () => {
    const { result, first, tenants } = await mixedBatch();
    const batchId = result.batch.id;
    expect(result.rollup.byOutcome).toEqual({ accepted: 4, deduped: 1, scope_busy: 0, blocked: 1 });

    expect(await prisma.batchItem.count({ where: { batchId, outcome: "accepted" } })).toBe(0);
    const stored = await prisma.batchItem.findMany({ where: { batchId }, select: { outcome: true } });
    expect(stored.map((row) => row.outcome).sort()).toEqual(["blocked", "deduped"]);

    const runs = await prisma.operationRun.findMany({ where: { batchId }, select: { id: true, tenantId: true } });
    const accepted = result.items.flatMap((item) => (item.result.outcome === "accepted" ? [{ id: item.result.run.id, tenantId: item.tenant.id }] : []));
    expect(runs.sort((a, b) => a.id.localeCompare(b.id))).toEqual(accepted.sort((a, b) => a.id.localeCompare(b.id)));

    // One entry per tenant of the batch, each the answer it was given.
    const entries = await entriesOf(batchId);
    expect(entries.map((entry) => entry.tenant_id)).toEqual(tenants.map((tenant) => tenant.id).sort());
    const given = new Map(result.items.map((item) => [item.tenant.id, item.result]));
    for (const entry of entries) {
      const answer = given.get(entry.tenant_id);
      expect(entry.outcome).toBe(answer?.outcome);
      if (answer?.outcome === "accepted") expect(entry.run_id).toBe(answer.run.id);
      if (answer?.outcome === "deduped") expect(entry.run_id).toBe(first.run.id);
      if (answer?.outcome === "blocked") expect(entry.run_id).toBeNull();
    }
  });

  it("answers the repeated key, the counts and the finished notification from the entries", async () => {
    const { result, workspaceId, tenants, initiator, key, first } = await mixedBatch();
    const batchId = result.batch.id;

    // The repeated key answers the first answer (runs as they are now: still queued).
    const again = await startMany(prisma, { workspaceId, tenants, operation: "inventory.sync", initiator, idempotencyKey: key, selection: everyTenant });
    expect(again.batch).toEqual({ ...result.batch, created: false });
    expect(again.items).toEqual(result.items);
    expect(again.rollup).toEqual(result.rollup);
    expect(await readBatchResult(prisma, batchId)).toEqual(again);

    const counts = (await batchCounts(prisma, [batchId])).get(batchId);
    expect(counts).toMatchObject({ total: 6, byOutcome: { accepted: 4, deduped: 1, blocked: 1 }, byRunStatus: { queued: 5 }, blockedByReason: { provider_consent_missing: 1 } });

    // Every accepted run and the deduped one end: the batch's one notification, and only then.
    const waited = [...result.items.flatMap((item) => (item.result.outcome === "accepted" ? [item.result.run.id] : [])), first.run.id];
    await prisma.operationRun.updateMany({ where: { id: { in: waited.slice(1) } }, data: { status: "succeeded", finishedAt: new Date() } });
    expect(await prisma.notification.count({ where: { batchId, kind: "batch.finished" } })).toBe(0);
    await startRun(prisma, waited[0]!, { workerId: "test" });
    await finishRun(prisma, waited[0]!, { status: "failed", reason: "provider_unavailable" });
    expect(await prisma.notification.findMany({ where: { batchId, kind: "batch.finished" }, select: { body: true } })).toEqual([
      { body: "4 succeeded · 1 failed · 1 blocked" },
    ]);
  });

  it("keeps the cascades: a deleted run takes its entry, a deleted batch leaves its runs running", async () => {
    const { result } = await mixedBatch();
    const batchId = result.batch.id;
    const acceptedRuns = result.items.flatMap((item) => (item.result.outcome === "accepted" ? [item.result.run.id] : []));
    const [gone, ...kept] = acceptedRuns as [string, ...string[]];

    await prisma.operationRun.delete({ where: { id: gone } });
    expect((await entriesOf(batchId)).map((entry) => entry.run_id)).not.toContain(gone);
    expect(await entriesOf(batchId)).toHaveLength(5);

    await prisma.batch.delete({ where: { id: batchId } });
    expect(await entriesOf(batchId)).toEqual([]);
    expect(await prisma.batchItem.count({ where: { batchId } })).toBe(0);
    const runs = await prisma.operationRun.findMany({ where: { id: { in: kept } }, select: { status: true, batchId: true } });
    expect(runs).toEqual(kept.map(() => ({ status: "queued", batchId: null })));
  });

  it("the database holds one admitted run per tenant and batch, and stores no accepted row", async () => {
    const { result, tenants } = await mixedBatch();
    const batchId = result.batch.id;
    const accepted = result.items.find((item) => item.result.outcome === "accepted");
    if (accepted?.result.outcome !== "accepted") throw new Error("expected an accepted tenant");
    // A second run of the same tenant in the same batch (another scope, so the active-run index allows it).
    await expect(
      prisma.operationRun.create({
        data: { tenantId: accepted.tenant.id, operation: "directory.sync", targetKind: "tenant", targetId: accepted.tenant.id, scopeKey: "directory", initiatorKind: "system", batchId },
      }),
    ).rejects.toThrow(/operation_runs_one_per_batch_and_tenant|batch_id/);
    await expect(
      prisma.batchItem.create({ data: { batchId, tenantId: tenants[5]!.id, outcome: "accepted", runId: accepted.result.run.id } }),
    ).rejects.toThrow(/batch_items_outcome_check/);
  });
});
