import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, testEnvironment } from "../../../tests/api/support/api-caller";
import { seedNotification, seedWorld } from "../../../tests/api/support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

describe("tenants", () => {
  it("list shows each visible tenant with its readiness per operation in the gate's words", async () => {
    const world = await seedWorld(prisma);
    const { items: tenants } = await callerAs(env, world.users.owner).tenants.list();
    expect(tenants.map((tenant) => tenant.slug).sort()).toEqual(
      [world.tenants.ready.tenant.slug, world.tenants.consentMissing.tenant.slug].sort(),
    );
    const bySlug = new Map(tenants.map((tenant) => [tenant.slug, tenant]));
    const sync = (slug: string) => bySlug.get(slug)?.readiness.find((entry) => entry.operation === "inventory.sync")?.result;
    expect(bySlug.get(world.tenants.ready.tenant.slug)).toMatchObject({ role: "owner" });
    expect(sync(world.tenants.ready.tenant.slug)).toMatchObject({ outcome: "ready" });
    expect(sync(world.tenants.consentMissing.tenant.slug)).toMatchObject({ outcome: "blocked", reason: "provider_consent_missing" });
    // Every operation with a bulk form, report.generate once per report.
    expect(bySlug.get(world.tenants.ready.tenant.slug)?.readiness.map((entry) => [entry.operation, entry.reportKind ?? null])).toEqual([
      ["inventory.sync", null],
      ["backup.capture", null],
      ["directory.sync", null],
      ["report.generate", "device-compliance"],
      ["report.generate", "policy-inventory"],
      ["connection.check", null],
    ]);

    const { items: restricted } = await callerAs(env, world.users.restricted).tenants.list();
    expect(restricted.map((tenant) => tenant.slug)).toEqual([world.tenants.consentMissing.tenant.slug]);
  });

  it("detail: connections, readiness per tenant-wide operation, runs", async () => {
    const world = await seedWorld(prisma);
    const detail = await callerAs(env, world.users.readonly).tenants.detail({ tenant: world.tenants.ready.tenant.slug });
    expect(detail.tenant).toMatchObject({ slug: world.tenants.ready.tenant.slug, role: "readonly", capabilities: ["tenants.read", "audit.read"] });
    expect(detail.workspace.slug).toBe(world.workspaces.home.slug);
    expect(detail.connections).toHaveLength(1);
    expect(detail.readiness.map((entry) => [entry.operation, entry.preview.outcome])).toEqual([
      ["inventory.sync", "ready"],
      ["backup.capture", "ready"],
      ["directory.sync", "ready"],
    ]);
    expect(detail.recentRuns.map((run) => run.id)).toEqual([world.home.failedRun.id]);
    expect(detail.activeRuns).toEqual([]);
    expect(detail.backupSetCount).toBe(1);
  });
});

describe("backup sets", () => {
  it("list and detail with items (no payloads)", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const list = await owner.backupSets.list({ tenant: world.tenants.ready.tenant.slug });
    expect(list).toEqual({ items: [expect.objectContaining({ id: world.home.backupSet.id, status: "complete" })], nextCursor: null });
    const detail = await owner.backupSets.detail({ backupSetId: world.home.backupSet.id });
    expect(detail.items).toHaveLength(1);
    expect(detail.items[0]).not.toHaveProperty("payload");
    expect(detail.tenant.slug).toBe(world.tenants.ready.tenant.slug);
  });
});

describe("notifications", () => {
  it("lists the caller's own, counts unread, marks read", async () => {
    const world = await seedWorld(prisma);
    const { owner } = world.users;
    const second = await seedNotification(prisma, owner.id, world.workspaces.home.id, world.tenants.ready.tenant.id);
    const api = callerAs(env, owner);

    const all = await api.notifications.list();
    expect(all.unreadCount).toBe(2);
    expect(all.items.map((item) => item.id).sort()).toEqual([world.home.notification.id, second.id].sort());

    expect(await api.notifications.markRead({ ids: [second.id, second.id] })).toEqual({ updated: 1 });
    expect(await api.notifications.markRead({ ids: [second.id] })).toEqual({ updated: 0 });
    const unread = await api.notifications.list({ unreadOnly: true });
    expect(unread.items.map((item) => item.id)).toEqual([world.home.notification.id]);
    expect(await api.notifications.markAllRead()).toEqual({ updated: 1 });
    expect((await api.notifications.list()).unreadCount).toBe(0);
    // The outsider's notification was never touched.
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: world.away.notification.id } })).readAt).toBeNull();
  });
});

describe("audit", () => {
  it("lists a tenant's writes and blocked starts, newest first, with the actor", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const tenant = world.tenants.consentMissing.tenant.slug;
    await owner.operations.start({ tenant, operation: "inventory.sync" });
    // Distinct timestamps (millisecond resolution), so "newest first" is observable.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await owner.connections.disable({ connectionId: world.tenants.consentMissing.connection!.id });

    const entries = await callerAs(env, world.users.readonly).audit.list({ tenant });
    expect(entries.items.map((entry) => entry.action)).toEqual(["connection.disabled", "operation.blocked"]);
    expect(entries.items[1]).toMatchObject({
      actor: { kind: "user", name: world.users.owner.displayName },
      reason: "provider_consent_missing",
      record: { action: "operation.blocked", details: { message: "The provider connection has no admin consent in Microsoft Entra." } },
    });
    expect(entries.items[0]).toMatchObject({ record: { action: "connection.disabled", details: {} } });
    const blocked = await owner.audit.list({ tenant, blockedOnly: true });
    expect(blocked.items.map((entry) => entry.action)).toEqual(["operation.blocked"]);
  });
});

describe("auth.me and api tokens", () => {
  it("me: the user with workspaces, roles and capabilities", async () => {
    const world = await seedWorld(prisma);
    const me = await callerAs(env, world.users.operator).auth.me();
    expect(me).toMatchObject({
      user: { id: world.users.operator.id },
      via: "session",
      workspaces: [{ id: world.workspaces.home.id, role: "operator", capabilities: ["tenants.read", "operations.start", "runs.cancel", "audit.read", "tags.manage"] }],
    });
  });

  it("create returns the token once; list never shows it; revoke makes it unusable", async () => {
    const world = await seedWorld(prisma);
    const api = callerAs(env, world.users.owner);
    const { token, record } = await api.apiTokens.create({ name: "laptop", expiresInDays: 30 });
    expect(token).toMatch(/^tp_[a-z2-7]{8}_[a-z2-7]{52}$/);
    const listed = await api.apiTokens.list();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.map((entry) => entry.id)).toContain(record.id);
    expect(record.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    await api.apiTokens.revoke({ tokenId: record.id });
    expect((await api.apiTokens.list()).find((entry) => entry.id === record.id)?.revokedAt).toBeInstanceOf(Date);
  });
});
