// Monitoring without dead ends (issue 17): the runs list says how long, who and through which
// connection (by name), filters by date and counts by status; a run's page says plainly whether it
// is final or will retry, and never links to itself; the workspace's activity names what each row
// was about, accepted starts, cancellations and connection changes included.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { beginRetry, finishRun, startOperation, startRun } from "@tenantpilot/dispatch-gate";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "../../../tests/api/support/api-caller";
import { seedWorld } from "../../../tests/api/support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

async function accepted(tenantId: string, userId: string | null, operation: "inventory.sync" | "directory.sync" = "inventory.sync") {
  const result = await startOperation(prisma, { tenantId, operation, initiator: userId === null ? { kind: "system" } : { kind: "user", userId } });
  if (result.outcome !== "accepted") throw new Error(`expected accepted, got ${result.outcome}`);
  return result;
}

describe("operations.list", () => {
  it("gives duration, who started it and the connection by name; filters by date; counts by status", async () => {
    const world = await seedWorld(prisma);
    const { tenant, connection } = world.tenants.ready;
    const owner = callerAs(env, world.users.owner);
    const run = await accepted(tenant.id, world.users.operator.id);
    await startRun(prisma, run.run.id, { workerId: "test" });
    await finishRun(prisma, run.run.id, { status: "succeeded", counts: { seen: 4, changed: 1, failed: 0 } });
    await prisma.operationRun.update({
      where: { id: run.run.id },
      data: { startedAt: new Date("2026-11-30T10:00:00Z"), finishedAt: new Date("2026-11-30T10:01:30Z"), createdAt: new Date("2026-11-30T09:59:58Z") },
    });
    const system = await accepted(tenant.id, null, "directory.sync");

    const page = await owner.operations.list({ tenant: tenant.slug, statusCounts: true });
    const listed = page.items.find((item) => item.id === run.run.id)!;
    expect(listed).toMatchObject({
      durationMs: 90_000,
      startedBy: { kind: "user", name: world.users.operator.displayName },
      connection: { id: connection!.id, displayName: connection!.displayName },
    });
    expect(JSON.stringify(listed)).not.toContain("c6e6e207");
    expect(page.items.find((item) => item.id === system.run.id)).toMatchObject({ startedBy: { kind: "system", name: "Schedule (system)" }, durationMs: null });
    // seedWorld's failed run, the succeeded one, the queued one.
    expect(page.statusCounts).toEqual({ queued: 1, running: 0, succeeded: 1, partially_succeeded: 0, failed: 1, cancelled: 0, total: 3 });

    const onTheDay = await owner.operations.list({ tenant: tenant.slug, from: new Date("2026-11-30T00:00:00Z"), to: new Date("2026-11-30T23:59:59Z"), statusCounts: true });
    expect(onTheDay.items.map((item) => item.id)).toEqual([run.run.id]);
    expect(onTheDay.statusCounts).toMatchObject({ succeeded: 1, total: 1 });
    // Counts ignore the status filter (they are the chips that set it); the page does not.
    const failedOnly = await owner.operations.list({ tenant: tenant.slug, status: ["failed"], statusCounts: true });
    expect(failedOnly.items.every((item) => item.status === "failed")).toBe(true);
    expect(failedOnly.statusCounts?.total).toBe(3);
    expect((await owner.operations.list({ tenant: tenant.slug })).statusCounts).toBeNull();

    const backwards = await rejection(owner.operations.list({ from: new Date("2026-12-02"), to: new Date("2026-12-01") }));
    expect(backwards.code).toBe("BAD_REQUEST");
    expect(backwards.message).toContain('"to"');
  });
});

describe("operations.detail: attempts in plain words, no link to itself", () => {
  it("a failed restore is final because it runs once; a failure after every attempt is final; a pause says when it retries", async () => {
    const world = await seedWorld(prisma);
    const { tenant } = world.tenants.ready;
    const owner = callerAs(env, world.users.owner);

    const restore = await startOperation(prisma, {
      tenantId: tenant.id,
      operation: "restore.execute",
      target: { kind: "backup_set", id: world.home.backupSet.id },
      initiator: { kind: "user", userId: world.users.owner.id },
      confirmTenant: tenant.slug,
    });
    if (restore.outcome !== "accepted") throw new Error("expected the restore to be accepted");
    await startRun(prisma, restore.run.id, { workerId: "test" });
    await finishRun(prisma, restore.run.id, { status: "failed", reason: "provider_unavailable" });
    const restoreDetail = await owner.operations.detail({ runId: restore.run.id });
    expect(restoreDetail.attempts).toMatchObject({ attempt: 1, maxAttempts: 1, state: { state: "final", because: "single_attempt" } });
    expect(restoreDetail.attempts.words).toBe(
      "Final — no more attempts: Restore backup runs once, because writes to a customer's tenant are never replayed automatically. Start it again with Retry.",
    );
    // "Open the run" would be this very page: the next step leads to the tenant instead.
    expect(restoreDetail.reason?.nextStep).toEqual({ label: "Open the tenant", href: `/admin/t/${tenant.slug}` });
    expect(restoreDetail.timeline[0]?.label).toBe(`Queued by ${world.users.owner.displayName}`);

    const sync = await accepted(tenant.id, world.users.owner.id);
    await startRun(prisma, sync.run.id, { workerId: "test" });
    await beginRetry(prisma, sync.run.id, { reason: "provider_throttled", message: "429", delayMs: 60_000 });
    const paused = await owner.operations.detail({ runId: sync.run.id });
    expect(paused.attempts.state).toMatchObject({ state: "will_retry", failedAttempt: 1, nextAttempt: 2, maxAttempts: 3, reason: "provider_throttled" });
    expect(paused.attempts.words).toMatch(/^Attempt 1 of 3 failed \(Microsoft Graph throttled the requests\); will retry at \d{2}:\d{2}:\d{2} UTC \(attempt 2 of 3\)\.$/);
    await beginRetry(prisma, sync.run.id, { reason: "provider_throttled", message: "429", delayMs: 0 });
    expect((await owner.operations.detail({ runId: sync.run.id })).attempts.words).toBe("Attempt 3 of 3 in progress.");
    await finishRun(prisma, sync.run.id, { status: "failed", reason: "provider_throttled" });
    const exhausted = await owner.operations.detail({ runId: sync.run.id });
    expect(exhausted.attempts.words).toBe("Final — no more attempts: all 3 attempts were used. Start it again with Retry.");
    expect(exhausted.reason?.nextStep.href).not.toBe(`/admin/operations/${sync.run.id}`);

    const queued = await accepted(tenant.id, world.users.owner.id, "directory.sync");
    expect((await owner.operations.detail({ runId: queued.run.id })).attempts.words).toBe("Waiting for a worker.");
  });
});

describe("activity.list: the workspace's log, every subject named", () => {
  it("accepted starts, cancellations and connection changes appear with their subject; filters by tenant, actor, action and date", async () => {
    const world = await seedWorld(prisma);
    const { tenant, connection } = world.tenants.ready;
    const owner = callerAs(env, world.users.owner);
    const operator = callerAs(env, world.users.operator);

    const started = await operator.operations.start({ tenant: tenant.slug, operation: "inventory.sync" });
    if (started.outcome !== "accepted") throw new Error("expected accepted");
    await owner.operations.cancel({ runId: started.run.id });
    await owner.connections.update({ connectionId: connection!.id, displayName: "Contoso — renamed app" });
    await owner.connections.disable({ connectionId: connection!.id });
    await owner.tags.create({ workspace: world.workspaces.home.slug, name: "Gold" });

    const page = await owner.activity.list({ workspace: world.workspaces.home.slug });
    const byAction = (action: string) => page.items.filter((entry) => entry.action === action);
    expect(byAction("operation.accepted")).toEqual([
      expect.objectContaining({
        title: "Start accepted (queued)",
        actor: { kind: "user", userId: world.users.operator.id, name: world.users.operator.displayName },
        tenant: { id: tenant.id, slug: tenant.slug, displayName: tenant.displayName },
        operation: { id: "inventory.sync", label: "Sync inventory" },
        subject: { kind: "operation_run", id: started.run.id, name: `Sync inventory on ${tenant.displayName}`, href: `/admin/operations/${started.run.id}` },
      }),
    ]);
    expect(byAction("run.cancelled")).toEqual([
      expect.objectContaining({ title: "Run cancelled", subject: expect.objectContaining({ name: `Sync inventory on ${tenant.displayName}` }) }),
    ]);
    // "Connection disabled" names the connection (as it is called now).
    expect(byAction("connection.disabled")).toEqual([
      expect.objectContaining({ title: "Connection disabled", subject: { kind: "provider_connection", id: connection!.id, name: "Contoso — renamed app", href: `/admin/provider-connections/${connection!.id}` } }),
    ]);
    expect(byAction("connection.updated")).toHaveLength(1);
    expect(byAction("tag.created")).toEqual([expect.objectContaining({ title: "Tag created", tenant: null, subject: expect.objectContaining({ kind: "tag", name: "Gold" }) })]);
    // Newest first.
    const times = page.items.map((entry) => entry.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const byOperator = await owner.activity.list({ workspace: world.workspaces.home.slug, actor: world.users.operator.id });
    expect(byOperator.items.map((entry) => entry.action)).toEqual(["operation.accepted"]);
    const cancellations = await owner.activity.list({ workspace: world.workspaces.home.slug, action: "run.cancelled", tenant: tenant.slug });
    expect(cancellations.items).toHaveLength(1);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await owner.activity.list({ workspace: world.workspaces.home.slug, from: tomorrow })).items).toEqual([]);
    expect((await owner.activity.list({ workspace: world.workspaces.home.slug, to: new Date(Date.now() - 3_600_000) })).items).toEqual([]);

    // A page at a time, none repeated.
    const first = await owner.activity.list({ workspace: world.workspaces.home.slug, limit: 2 });
    const second = await owner.activity.list({ workspace: world.workspaces.home.slug, limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((entry) => entry.id)).not.toContain(first.items[0]!.id);
    expect([...first.items, ...second.items].map((entry) => entry.id)).toEqual(page.items.slice(0, 4).map((entry) => entry.id));
  });

  it("shows only the tenants the viewer sees; another workspace's tenant is not found", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    await owner.connections.disable({ connectionId: world.tenants.ready.connection!.id });
    await owner.connections.disable({ connectionId: world.tenants.consentMissing.connection!.id });
    const restricted = await callerAs(env, world.users.restricted).activity.list({ workspace: world.workspaces.home.slug });
    const tenants = new Set(restricted.items.map((entry) => entry.tenant?.id ?? null));
    expect(tenants.has(world.tenants.ready.tenant.id)).toBe(false);
    expect(tenants.has(world.tenants.consentMissing.tenant.id)).toBe(true);
    expect(await rejection(owner.activity.list({ workspace: world.workspaces.home.slug, tenant: world.tenants.foreign.tenant.slug }))).toEqual({
      code: "NOT_FOUND",
      message: "No such tenant.",
    });
    expect((await rejection(callerAs(env, world.users.restricted).activity.list({ workspace: world.workspaces.home.slug, tenant: world.tenants.ready.tenant.slug }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await rejection(owner.activity.list({ workspace: world.workspaces.home.slug, actor: "somebody" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect((await owner.activity.list({ workspace: world.workspaces.home.slug, actor: randomUUID() })).items).toEqual([]);
  });

  it("links an onboarding draft only for a viewer who may open it: a read-only member sees it named, without a link that would answer 403", async () => {
    const world = await seedWorld(prisma);
    const draft = await callerAs(env, world.users.owner).onboarding.begin({
      workspace: world.workspaces.home.slug,
      tenant: { displayName: "Woodgrove Bank", slug: "woodgrove-activity", microsoftTenantId: randomUUID() },
    });
    const subjectFor = async (user: typeof world.users.owner) =>
      (await callerAs(env, user).activity.list({ workspace: world.workspaces.home.slug, action: "onboarding.started" })).items.find((entry) => entry.subject?.id === draft.id)?.subject;
    expect(await subjectFor(world.users.owner)).toEqual({ kind: "onboarding_draft", id: draft.id, name: "Onboarding of Woodgrove Bank", href: `/admin/onboarding/${draft.id}` });
    expect(await subjectFor(world.users.readonly)).toEqual({ kind: "onboarding_draft", id: draft.id, name: "Onboarding of Woodgrove Bank", href: null });
  });

  it("a tenant's own audit.list names the subjects too", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    await owner.connections.disable({ connectionId: world.tenants.ready.connection!.id });
    const page = await owner.audit.list({ tenant: world.tenants.ready.tenant.slug });
    expect(page.items.find((entry) => entry.action === "connection.disabled")?.subject).toMatchObject({ name: world.tenants.ready.connection!.displayName });
  });
});
