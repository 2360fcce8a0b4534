import { afterAll, describe, expect, it } from "vitest";
import { StartResult } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "../../../tests/api/support/api-caller";
import { seedBackupSet, seedRun, seedWorld } from "../../../tests/api/support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

async function jobCount(runId: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM graphile_worker._private_jobs WHERE payload->>'runId' = ${runId}`;
  return row?.count ?? -1;
}

describe("operations.start — the four outcomes through the API", () => {
  it("accepted, then deduped, then scope_busy for another operation on the same scope", async () => {
    const world = await seedWorld(prisma);
    const operator = callerAs(env, world.users.operator);
    const tenant = world.tenants.ready.tenant.slug;

    const accepted = StartResult.parse(await operator.operations.start({ tenant, operation: "inventory.sync" }));
    expect(accepted).toMatchObject({ outcome: "accepted", run: { operation: "inventory.sync", status: "queued" } });
    if (accepted.outcome !== "accepted") return;
    expect(await jobCount(accepted.run.id)).toBe(1);
    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: accepted.run.id } });
    expect(run).toMatchObject({ initiatorKind: "user", initiatorUserId: world.users.operator.id });

    expect(await operator.operations.start({ tenant, operation: "inventory.sync" })).toEqual({ outcome: "deduped", run: accepted.run });
    expect(await operator.operations.start({ tenant, operation: "backup.capture" })).toMatchObject({
      outcome: "scope_busy",
      scope: { scopeKey: "policies", label: "Intune policies" },
      blockingRun: { id: accepted.run.id },
    });
  });

  it("blocked: no run, an audit row, and the same words as the preview", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const { tenant, connection } = world.tenants.consentMissing;

    const preview = await owner.operations.preview({ tenant: tenant.slug, operation: "directory.sync" });
    const blocked = await owner.operations.start({ tenant: tenant.slug, operation: "directory.sync" });
    expect(blocked).toEqual(preview);
    expect(blocked).toMatchObject({
      outcome: "blocked",
      reason: "provider_consent_missing",
      nextStep: { label: "Grant admin consent", href: `/admin/provider-connections/${connection!.id}` },
    });
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(0);
    const audit = await owner.audit.list({ tenant: tenant.slug, blockedOnly: true });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ action: "operation.blocked", operation: "directory.sync", reason: "provider_consent_missing" });
  });

  it("targets: restore of an incomplete backup set is blocked target_not_ready; a report kind is accepted", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const tenant = world.tenants.ready.tenant;
    const capturing = await seedBackupSet(prisma, tenant.id, "capturing");
    expect(await owner.operations.start({ tenant: tenant.slug, operation: "restore.execute", target: capturing.id, confirmTenant: tenant.slug })).toMatchObject({
      outcome: "blocked",
      reason: "target_not_ready",
    });
    expect(await owner.operations.start({ tenant: tenant.slug, operation: "report.generate", target: "device-compliance" })).toMatchObject({
      outcome: "accepted",
      run: { operation: "report.generate" },
    });
  });

  it("preview writes nothing", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const runsBefore = await prisma.operationRun.count();
    const auditBefore = await prisma.auditLogEntry.count();
    expect(await owner.operations.preview({ tenant: world.tenants.ready.tenant.slug, operation: "inventory.sync" })).toMatchObject({ outcome: "ready" });
    expect(await owner.operations.preview({ tenant: world.tenants.consentMissing.tenant.slug, operation: "inventory.sync" })).toMatchObject({
      outcome: "blocked",
    });
    expect(await prisma.operationRun.count()).toBe(runsBefore);
    expect(await prisma.auditLogEntry.count()).toBe(auditBefore);
  });
});

describe("operations.list", () => {
  it("filters by tenant, status and operation and pages with an opaque cursor", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const tenant = world.tenants.ready.tenant;
    for (let i = 0; i < 5; i++) await seedRun(prisma, tenant.id, { status: "succeeded", operation: "backup.capture" });

    const first = await owner.operations.list({ tenant: tenant.slug, status: ["succeeded"], limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await owner.operations.list({ tenant: tenant.slug, status: ["succeeded"], limit: 2, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen.map((run) => run.id)).size).toBe(5);
    const times = seen.map((run) => run.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    expect((await owner.operations.list({ tenant: tenant.slug, operation: "inventory.sync" })).items.map((run) => run.id)).toEqual([
      world.home.failedRun.id,
    ]);
    const everywhere = await owner.operations.list({});
    expect(everywhere.items.map((run) => run.tenant.id)).not.toContain(world.tenants.foreign.tenant.id);
    expect((await rejection(owner.operations.list({ cursor: "not-a-cursor" }))).code).toBe("BAD_REQUEST");
  });
});

describe("operations.detail", () => {
  it("explains the outcome with the shared reason words, the bound connection, counts and a timeline", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const { tenant } = world.tenants.ready;
    const detail = await owner.operations.detail({ runId: world.home.failedRun.id });
    expect(detail.run).toMatchObject({ id: world.home.failedRun.id, status: "failed", label: "Sync inventory", tenant: { slug: tenant.slug } });
    expect(detail.reason).toEqual({
      code: "provider_unavailable",
      message: "Microsoft Graph was unavailable.",
      // The run page never links to itself: an execution reason's "Open the run" becomes the tenant.
      nextStep: { label: "Open the tenant", href: `/admin/t/${tenant.slug}` },
      missingPermissions: [],
      detail: null,
    });
    expect(detail.scope).toEqual({ key: "policies", label: "Intune policies" });
    expect(detail.counts).toEqual({ seen: 0, changed: 0, failed: 0 });
    expect(detail.timeline.map((event) => event.event)).toEqual(["queued", "started", "failed"]);

    const started = await owner.operations.start({ tenant: tenant.slug, operation: "inventory.sync" });
    if (started.outcome !== "accepted") throw new Error("expected accepted");
    const queued = await owner.operations.detail({ runId: started.run.id });
    expect(queued.connection).toEqual({ bound: started.connection, changedSinceAdmission: false, enabledNow: true });
    expect(queued.reason).toBeNull();
  });
});

describe("operations.retry and cancel", () => {
  it("retry starts the same operation on the same target through the gate; only failed or cancelled runs", async () => {
    const world = await seedWorld(prisma);
    const operator = callerAs(env, world.users.operator);
    const retried = await operator.operations.retry({ runId: world.home.failedRun.id });
    expect(retried).toMatchObject({ outcome: "accepted", run: { operation: "inventory.sync" } });
    if (retried.outcome !== "accepted") return;
    const run = await prisma.operationRun.findUniqueOrThrow({ where: { id: retried.run.id } });
    expect(run).toMatchObject({ targetKind: "tenant", targetId: world.tenants.ready.tenant.id, initiatorUserId: world.users.operator.id });

    expect(await rejection(operator.operations.retry({ runId: retried.run.id }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: "Only failed or cancelled runs can be retried; this one is queued.",
    });
    // Retrying again while the retry is queued: the gate dedupes onto it.
    expect(await operator.operations.retry({ runId: world.home.failedRun.id })).toEqual({ outcome: "deduped", run: retried.run });
  });

  it("retry needs the retried run's own capability: an operator may not retry a restore (FORBIDDEN), an owner may", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const backupSet = await seedBackupSet(prisma, tenant.id);
    const failedRestore = await prisma.operationRun.create({
      data: {
        tenantId: tenant.id,
        operation: "restore.execute",
        targetKind: "backup_set",
        targetId: backupSet.id,
        scopeKey: "policies",
        status: "failed",
        initiatorKind: "user",
        initiatorUserId: world.users.owner.id,
        reasonCode: "provider_unavailable",
        startedAt: new Date(),
        finishedAt: new Date(),
      },
    });
    const runsBefore = await prisma.operationRun.count({ where: { tenantId: tenant.id } });
    const denied = await rejection(callerAs(env, world.users.operator).operations.retry({ runId: failedRestore.id }));
    expect(denied.code).toBe("FORBIDDEN");
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(runsBefore);

    // A restore's retry carries the tenant's confirmation like its first start (ADR 011).
    const retried = await callerAs(env, world.users.owner).operations.retry({ runId: failedRestore.id, confirmTenant: tenant.slug });
    expect(retried).toMatchObject({ outcome: "accepted", run: { operation: "restore.execute" } });
  });

  it.each(["succeeded", "queued", "running"] as const)("retry refuses a %s run, saying why, and writes nothing", async (status) => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const run = await seedRun(prisma, tenant.id, { status, userId: world.users.operator.id });
    const runsBefore = await prisma.operationRun.count({ where: { tenantId: tenant.id } });
    expect(await rejection(callerAs(env, world.users.operator).operations.retry({ runId: run.id }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: `Only failed or cancelled runs can be retried; this one is ${status}.`,
    });
    expect(await prisma.operationRun.count({ where: { tenantId: tenant.id } })).toBe(runsBefore);
    expect(await jobCount(run.id)).toBe(0);
  });

  it("cancel ends a queued run, removes its job and frees the scope; a finished run is not cancellable", async () => {
    const world = await seedWorld(prisma);
    const operator = callerAs(env, world.users.operator);
    const tenant = world.tenants.ready.tenant.slug;
    const started = await operator.operations.start({ tenant, operation: "inventory.sync" });
    if (started.outcome !== "accepted") throw new Error("expected accepted");

    const cancelled = await operator.operations.cancel({ runId: started.run.id });
    expect(cancelled).toMatchObject({ ok: true, outcome: "cancelled", run: { id: started.run.id, status: "cancelled" } });
    expect(await jobCount(started.run.id)).toBe(0);
    expect(await prisma.auditLogEntry.count({ where: { targetId: started.run.id, action: "run.cancelled", actorUserId: world.users.operator.id } })).toBe(1);
    expect(await operator.operations.start({ tenant, operation: "backup.capture" })).toMatchObject({ outcome: "accepted" });

    expect(await operator.operations.cancel({ runId: world.home.failedRun.id })).toEqual({ ok: false, current: "failed" });
  });
});
