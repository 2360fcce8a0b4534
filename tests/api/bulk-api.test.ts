// Bulk starts through the API: the selection is the tenants list's filter for this caller, so a
// member entitled to some tenants of a tag gets a batch over exactly those (the others are never
// counted or named); previewMany writes nothing; startMany is idempotent; batches.detail pages and
// filters rows; batches.retry starts what is ready now.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { finishRun, startRun } from "@tenantpilot/dispatch-gate";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "./support/api-caller";
import { addMember, seedTenant, seedUser, seedWorld } from "./support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

describe("bulk starts over the API", () => {
  it("a member who may operate only some tenants of a tag gets a batch over exactly those", async () => {
    const world = await seedWorld(prisma);
    const home = world.workspaces.home.id;
    const extra = await seedTenant(prisma, home, { name: "Litware" });
    const owner = callerAs(env, world.users.owner);
    const eu = await owner.tags.create({ workspace: home, name: "EU" });
    await owner.tags.addTenants({ tagId: eu.id, tenants: [world.tenants.ready.tenant.slug, world.tenants.consentMissing.tenant.slug, extra.tenant.slug] });
    const member = await seedUser(prisma, { name: "Partial" });
    await addMember(prisma, { workspaceId: home, userId: member.id, role: "operator", allTenants: false, entitledTenantIds: [world.tenants.ready.tenant.id, extra.tenant.id] });
    const api = callerAs(env, member);
    const selection = { kind: "filter", filter: { tagId: eu.id } } as const;

    const before = await prisma.operationRun.count();
    const preview = await api.operations.previewMany({ workspace: home, operation: "inventory.sync", selection });
    expect(preview.items.map((item) => item.tenant.slug).sort()).toEqual([extra.tenant.slug, world.tenants.ready.tenant.slug].sort());
    expect(preview.rollup).toEqual({ total: 2, byOutcome: { ready: 2, deduped: 0, scope_busy: 0, blocked: 0 }, blockedByReason: {} });
    expect(await prisma.operationRun.count()).toBe(before);

    const key = randomUUID();
    const result = await api.operations.startMany({ workspace: home, operation: "inventory.sync", selection, idempotencyKey: key });
    expect(result.items.map((item) => item.tenant.id).sort()).toEqual([extra.tenant.id, world.tenants.ready.tenant.id].sort());
    expect(JSON.stringify(result)).not.toContain(world.tenants.consentMissing.tenant.id);
    expect(result.rollup.byOutcome.accepted).toBe(2);
    const again = await api.operations.startMany({ workspace: home, operation: "inventory.sync", selection, idempotencyKey: key });
    expect(again.batch).toEqual({ ...result.batch, created: false });
    expect(again.items).toEqual(result.items);

    // Named tenants outside the member's access answer like a random slug.
    const random = await rejection(api.operations.startMany({ workspace: home, operation: "inventory.sync", selection: { kind: "tenants", tenants: [`nope-${randomUUID().slice(0, 6)}`] }, idempotencyKey: randomUUID() }));
    expect(random).toEqual({ code: "NOT_FOUND", message: "No such tenant." });
    const hidden = await rejection(api.operations.startMany({ workspace: home, operation: "inventory.sync", selection: { kind: "tenants", tenants: [world.tenants.consentMissing.tenant.slug] }, idempotencyKey: randomUUID() }));
    expect(hidden).toEqual(random);
    // restore.execute has no bulk form; report.generate names its report.
    expect((await rejection(api.operations.previewMany({ workspace: home, operation: "restore.execute" as never, selection }))).code).toBe("BAD_REQUEST");
    const noKind = await rejection(api.operations.previewMany({ workspace: home, operation: "report.generate", selection }));
    expect(noKind.code).toBe("BAD_REQUEST");
    expect(noKind.message).toMatch(/reportKind/);
  });

  it("batches: list and detail with derived counts, filters and keyset pages over the caller's rows; retry of what is ready now", async () => {
    const world = await seedWorld(prisma);
    const home = world.workspaces.home.id;
    const owner = callerAs(env, world.users.owner);
    const started = await owner.operations.startMany({ workspace: home, operation: "directory.sync", selection: { kind: "filter", filter: {} }, idempotencyKey: randomUUID() });
    expect(started.rollup.byOutcome).toMatchObject({ accepted: 1, blocked: 1 });

    const listed = await owner.batches.list({ workspace: home });
    const mine = listed.items.find((batch) => batch.id === started.batch.id);
    expect(mine).toMatchObject({ status: "running", title: "Sync directory on 2 tenants", counts: { total: 2, byRunStatus: { queued: 1 }, byOutcome: { blocked: 1 } } });

    const blockedOnly = await owner.batches.detail({ batchId: started.batch.id, outcome: "blocked" });
    expect(blockedOnly.items.map((item) => item.tenant.slug)).toEqual([world.tenants.consentMissing.tenant.slug]);
    expect(blockedOnly.items[0]?.result).toMatchObject({ outcome: "blocked", reason: "provider_consent_missing", nextStep: { label: "Grant admin consent" } });
    const byReason = await owner.batches.detail({ batchId: started.batch.id, reason: "provider_consent_missing" });
    expect(byReason.items).toHaveLength(1);
    const pageOne = await owner.batches.detail({ batchId: started.batch.id, limit: 1 });
    const pageTwo = await owner.batches.detail({ batchId: started.batch.id, limit: 1, cursor: pageOne.nextCursor! });
    expect([...pageOne.items, ...pageTwo.items].map((item) => item.tenant.id).sort()).toEqual(
      [world.tenants.ready.tenant.id, world.tenants.consentMissing.tenant.id].sort(),
    );
    expect(pageTwo.nextCursor).toBeNull();

    // The run fails; the row follows it (live status), and the batch is finished.
    const runId = started.items.find((item) => item.result.outcome === "accepted")!.result;
    if (runId.outcome !== "accepted") throw new Error("expected accepted");
    await startRun(prisma, runId.run.id, { workerId: "test" });
    await finishRun(prisma, runId.run.id, { status: "failed", reason: "provider_unavailable" });
    const failed = await owner.batches.detail({ batchId: started.batch.id, runStatus: "failed" });
    expect(failed.items[0]?.result).toMatchObject({ outcome: "accepted", run: { status: "failed" } });
    expect(failed.batch).toMatchObject({ status: "finished", counts: { byRunStatus: { failed: 1, queued: 0 } } });

    // The restricted member sees the batch with their tenant's row only, counted alone.
    const restricted = await callerAs(env, world.users.restricted).batches.detail({ batchId: started.batch.id });
    expect(restricted.items.map((item) => item.tenant.id)).toEqual([world.tenants.consentMissing.tenant.id]);
    expect(restricted.batch.counts.total).toBe(1);
    expect(restricted.batch.title).toBe("Sync directory on 1 tenant");

    // Retry: the failed tenant is ready now, the blocked one still is not.
    const retried = await owner.batches.retry({ batchId: started.batch.id, idempotencyKey: randomUUID() });
    expect(retried.items.map((item) => [item.tenant.id, item.result.outcome])).toEqual([[world.tenants.ready.tenant.id, "accepted"]]);
    await prisma.providerConnection.updateMany({ where: { tenantId: world.tenants.ready.tenant.id }, data: { enabled: false } });
    const nothing = await rejection(owner.batches.retry({ batchId: started.batch.id, idempotencyKey: randomUUID() }));
    expect(nothing.code).toBe("PRECONDITION_FAILED");
    // One audit row per batch.
    expect(await prisma.auditLogEntry.count({ where: { action: "batch.started", targetId: { in: [started.batch.id, retried.batch.id] } } })).toBe(2);
  });
});

describe("a bulk selection by a tag that is not the workspace's", () => {
  it("a deleted tag, another workspace's tag or a random id: NOT_FOUND for preview, start and a schedule; no empty batch is written", async () => {
    const world = await seedWorld(prisma);
    const home = world.workspaces.home.id;
    const owner = callerAs(env, world.users.owner);
    const deleted = await owner.tags.create({ workspace: home, name: "Gone" });
    await owner.tags.delete({ tagId: deleted.id });
    const batchesBefore = await prisma.batch.count();
    for (const tagId of [deleted.id, world.away.tag.id, randomUUID()]) {
      const selection = { kind: "filter", filter: { tagId } } as const;
      const preview = await rejection(owner.operations.previewMany({ workspace: home, operation: "inventory.sync", selection }));
      expect(preview).toMatchObject({ code: "NOT_FOUND", message: "No such tag." });
      const start = await rejection(owner.operations.startMany({ workspace: home, operation: "inventory.sync", selection, idempotencyKey: randomUUID() }));
      expect(start).toMatchObject({ code: "NOT_FOUND", message: "No such tag." });
      const schedule = await rejection(
        owner.schedules.create({ workspace: home, name: `By tag ${tagId}`, operation: "inventory.sync", selection, cadence: "daily", time: "02:00" }),
      );
      expect(schedule).toMatchObject({ code: "NOT_FOUND", message: "No such tag." });
    }
    // One stale id among several tags is enough.
    const eu = await owner.tags.create({ workspace: home, name: "EU" });
    const mixed = { kind: "filter" as const, filter: { tagIds: [eu.id, deleted.id] } };
    expect(await rejection(owner.operations.previewMany({ workspace: home, operation: "inventory.sync", selection: mixed }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await prisma.batch.count()).toBe(batchesBefore);
  });
});
