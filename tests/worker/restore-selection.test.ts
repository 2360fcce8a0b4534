// A restore's preview and its selection (issue 17, ADR 025), against the sandbox tenant through
// the real worker: the preview tells, per policy, what a restore would create, overwrite, rewrite
// unchanged or leave alone — from the latest inventory sync — and a restore of a selection writes
// only the selected policies.
import { describe, expect, it } from "vitest";
import { finishRun, startRun } from "@tenantpilot/dispatch-gate";
import { callerAs, rejection, testEnvironment } from "../api/support/api-caller";
import { accept, seedTenant, type SeededTenant, workerTestBed } from "./worker-fixtures";

const { prisma, sandbox, worker } = workerTestBed();
const env = testEnvironment(prisma);

/** The seeded operator made an owner of the seeded workspace (restore needs operations.restore). */
async function ownerOf(seeded: SeededTenant) {
  await prisma.membership.create({ data: { workspaceId: seeded.tenant.workspaceId, userId: seeded.user.id, role: "owner" } });
  return callerAs(env, { id: seeded.user.id, email: "owner@example.test", displayName: "Operator" });
}

async function captured(seeded: SeededTenant) {
  const captureId = await accept(prisma, seeded, "backup.capture");
  await worker.runOnce();
  return prisma.backupSet.findFirstOrThrow({ where: { capturedByRunId: captureId, status: "complete" } });
}

const later = (iso: unknown) => new Date(new Date(String(iso)).getTime() + 60_000).toISOString();

describe("restore preview and selection (sandbox)", () => {
  it("previews create / overwrite / unchanged / left alone from the latest sync, and a restore of a selection writes only the selected policies", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const owner = await ownerOf(seeded);
    const set = await captured(seeded);
    const store = seeded.sandboxTenant.collections.deviceConfigurations;
    const [changedA, changedB, deletedC, untouched] = store.all();

    // Since the backup: two policies changed in the tenant (Graph moves lastModifiedDateTime), one
    // deleted, one added.
    store.put({ ...changedA!, displayName: "Changed A", lastModifiedDateTime: later(changedA!.lastModifiedDateTime) });
    store.put({ ...changedB!, displayName: "Changed B", lastModifiedDateTime: later(changedB!.lastModifiedDateTime) });
    store.remove(deletedC!.id);
    const addedD = store.put({ ...untouched!, id: seeded.sandboxTenant.newId(), displayName: "Added after the backup" });

    // Before any inventory sync the preview cannot tell: every policy "unknown", a sync offered.
    const blind = await owner.backupSets.restorePreview({ backupSetId: set.id });
    expect(blind.counts).toMatchObject({ unknown: 26, create: 0, overwrite: 0 });
    expect(blind.basis).toMatchObject({ stale: true, freshSync: { outcome: "ready" } });
    expect(blind.basis.families.every((family) => family.runId === null)).toBe(true);

    await accept(prisma, seeded, "inventory.sync");
    await worker.runOnce();
    const preview = await owner.backupSets.restorePreview({ backupSetId: set.id });
    expect(preview).toMatchObject({
      backupSet: { id: set.id, itemCount: 26 },
      tenant: { slug: seeded.tenant.slug },
      confirmation: { required: true, tenantSlug: seeded.tenant.slug },
      restore: { outcome: "ready" },
      basis: { stale: false },
      counts: { create: 1, overwrite: 2, unchanged: 23, left_alone: 1, unknown: 0, selectedByDefault: 3 },
    });
    const byId = (externalId: string) => preview.policies.find((policy) => policy.externalId === externalId)!;
    expect(byId(changedA!.id)).toMatchObject({
      action: "overwrite",
      actionWords: "Will be overwritten (changed in the tenant since the backup)",
      selectable: true,
      selectedByDefault: true,
      displayName: changedA!.displayName,
      current: { displayName: "Changed A" },
    });
    expect(byId(deletedC!.id)).toMatchObject({ action: "create", selectable: true, selectedByDefault: true, current: null });
    expect(byId(untouched!.id)).toMatchObject({ action: "unchanged", selectedByDefault: false });
    expect(byId(addedD.id)).toMatchObject({ action: "left_alone", backupItemId: null, selectable: false, displayName: "Added after the backup" });

    // Restore only A and C.
    const selection = [byId(changedA!.id).backupItemId!, byId(deletedC!.id).backupItemId!];
    const writesBefore = seeded.sandboxTenant.requests.filter((request) => request.kind === "graph" && request.method !== "GET").length;
    const started = await owner.operations.start({
      tenant: seeded.tenant.slug,
      operation: "restore.execute",
      target: set.id,
      confirmTenant: seeded.tenant.slug,
      selection: { backupItemIds: selection },
    });
    expect(started.outcome).toBe("accepted");
    if (started.outcome !== "accepted") return;
    expect((await prisma.operationRun.findUniqueOrThrow({ where: { id: started.run.id } })).selection).toEqual({ backupItemIds: selection });
    await worker.runOnce();

    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: started.run.id } });
    expect(run).toMatchObject({ status: "succeeded", itemsSeen: 2, itemsChanged: 2, itemsFailed: 0 });
    const outcomes = (run.diagnostics as { restore: { selected: number; items: { externalId: string; outcome: string }[] } }).restore;
    expect(outcomes.selected).toBe(2);
    expect(outcomes.items.map((item) => [item.externalId, item.outcome]).sort()).toEqual([[changedA!.id, "updated"], [deletedC!.id, "created"]].sort());

    // Only the selected policies were written: A restored, C back (with a new id), B and D as they were.
    const writes = seeded.sandboxTenant.requests.filter((request) => request.kind === "graph" && request.method !== "GET").slice(writesBefore);
    // A's update, and C's: an update Graph answers 404 (it is gone), then its creation.
    expect(writes.filter((write) => write.status < 300)).toHaveLength(2);
    expect(writes.map((write) => `${write.method} ${write.status}`).sort()).toEqual(["PATCH 204", "PATCH 404", "POST 201"]);
    for (const other of [changedB!, untouched!, addedD]) expect(writes.some((write) => write.url.includes(other.id))).toBe(false);
    expect(store.get(changedA!.id)?.displayName).toBe(changedA!.displayName);
    expect(store.get(changedB!.id)?.displayName).toBe("Changed B");
    expect(store.all().filter((policy) => policy.displayName === deletedC!.displayName)).toHaveLength(1);
    expect(store.get(addedD.id)?.displayName).toBe("Added after the backup");
    // The accepted start's activity row says how many policies it selected.
    expect(await prisma.auditLogEntry.findFirstOrThrow({ where: { targetId: started.run.id, action: "operation.accepted" } })).toMatchObject({
      details: expect.objectContaining({ selectedItems: 2 }),
    });
  });

  it("refuses a selection the set does not hold, or one for an operation that takes none, before anything is admitted; a retry keeps the selection", async () => {
    const seeded = await seedTenant(prisma, sandbox);
    const owner = await ownerOf(seeded);
    const set = await captured(seeded);
    const other = await captured(seeded);
    const [mine] = await prisma.backupItem.findMany({ where: { backupSetId: set.id }, take: 1 });
    const [theirs] = await prisma.backupItem.findMany({ where: { backupSetId: other.id }, take: 1 });
    const runsBefore = await prisma.operationRun.count({ where: { tenantId: seeded.tenant.id } });
    const restore = (backupItemIds: string[]) =>
      owner.operations.start({ tenant: seeded.tenant.slug, operation: "restore.execute", target: set.id, confirmTenant: seeded.tenant.slug, selection: { backupItemIds } });

    const foreign = await rejection(restore([mine!.id, theirs!.id]));
    expect(foreign.code).toBe("BAD_REQUEST");
    expect(foreign.message).toContain("selection.backupItemIds: 1 of the selected policies are not in this backup set");
    expect((await rejection(restore([]))).code).toBe("BAD_REQUEST");
    const notSelectable = await rejection(owner.operations.start({ tenant: seeded.tenant.slug, operation: "inventory.sync", selection: { backupItemIds: [mine!.id] } }));
    expect(notSelectable.message).toContain("selection: inventory.sync acts on its whole target");
    // The confirmation is still asked first.
    const unconfirmed = await rejection(owner.operations.start({ tenant: seeded.tenant.slug, operation: "restore.execute", target: set.id, selection: { backupItemIds: [mine!.id] } }));
    expect(unconfirmed.message).toContain("confirmTenant");
    expect(await prisma.operationRun.count({ where: { tenantId: seeded.tenant.id } })).toBe(runsBefore);

    // A selected restore that failed is retried with the same selection.
    const first = await restore([mine!.id]);
    if (first.outcome !== "accepted") throw new Error(`expected accepted, got ${first.outcome}`);
    await startRun(prisma, first.run.id, { workerId: "test" });
    await finishRun(prisma, first.run.id, { status: "failed", reason: "provider_unavailable" });
    const retried = await owner.operations.retry({ runId: first.run.id, confirmTenant: seeded.tenant.slug });
    if (retried.outcome !== "accepted") throw new Error(`expected the retry to be accepted, got ${retried.outcome}`);
    expect((await prisma.operationRun.findUniqueOrThrow({ where: { id: retried.run.id } })).selection).toEqual({ backupItemIds: [mine!.id] });
  });
});
