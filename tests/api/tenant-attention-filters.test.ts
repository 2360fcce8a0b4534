// The home's "failed last night" and "secrets expired / expiring" counts are filters of the tenants
// list and of a bulk start's "all matching": the count and the filter are one SQL definition, so a
// chip's number is the number of tenants its filter lists. A foreign tenant never counts; bad
// values are a 400 naming the field.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { secretExpiryWindows, type TenantFilter } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "./support/api-caller";
import { seedRun, seedTenant, seedWorld } from "./support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function expireSecret(connectionId: string, inMs: number, enabled = true) {
  await prisma.providerConnection.update({ where: { id: connectionId }, data: { clientSecretExpiresAt: new Date(Date.now() + inMs), enabled } });
}

describe("failedWithin24h", () => {
  it("lists exactly the tenants summary.failedLast24h counts: current, visible, a run failed in the last 24 hours", async () => {
    const world = await seedWorld(prisma);
    const home = world.workspaces.home.slug;
    const owner = callerAs(env, world.users.owner);
    // seedWorld: Contoso (and the foreign Northwind) have a run failed just now.
    const stale = await seedTenant(prisma, world.workspaces.home.id, { name: "Stale failure" });
    const old = await seedRun(prisma, stale.tenant.id, { status: "failed" });
    await prisma.operationRun.update({ where: { id: old.id }, data: { finishedAt: new Date(Date.now() - 25 * HOUR) } });
    const fine = await seedTenant(prisma, world.workspaces.home.id, { name: "Succeeded" });
    await seedRun(prisma, fine.tenant.id, { status: "succeeded" });
    const archived = await seedTenant(prisma, world.workspaces.home.id, { name: "Archived failure", status: "archived" });
    await seedRun(prisma, archived.tenant.id, { status: "failed" });

    const filter: TenantFilter = { failedWithin24h: true };
    const listed = (await owner.tenants.list({ workspace: home, filter })).items.map((item) => item.slug);
    expect(listed).toEqual([world.tenants.ready.tenant.slug]);
    expect((await owner.tenants.summary({ workspace: home })).failedLast24h).toEqual({ tenants: listed.length, runs: 1 });
    // Across every workspace of the owner: still not the other workspace's Northwind.
    expect((await owner.tenants.list({ filter })).items.map((item) => item.slug)).toEqual(listed);
    // The restricted member's one tenant has no failure: they see none, and count none.
    const restricted = callerAs(env, world.users.restricted);
    expect((await restricted.tenants.list({ workspace: home, filter })).items).toEqual([]);
    expect((await restricted.tenants.summary({ workspace: home })).failedLast24h).toEqual({ tenants: 0, runs: 0 });
    // The other workspace's owner sees its own failure only.
    expect((await callerAs(env, world.users.outsider).tenants.list({ filter })).items.map((item) => item.slug)).toEqual([world.tenants.foreign.tenant.slug]);
    // Archived tenants show under their status filter, never in the default view or the count.
    expect((await owner.tenants.list({ workspace: home, filter: { ...filter, status: "archived" } })).items.map((item) => item.slug)).toEqual([archived.tenant.slug]);
  });

  it("a bulk preview and start over the filter act on exactly the listed tenants", async () => {
    const world = await seedWorld(prisma);
    const home = world.workspaces.home.slug;
    const owner = callerAs(env, world.users.owner);
    await seedTenant(prisma, world.workspaces.home.id, { name: "No failure" });
    const selection = { kind: "filter", filter: { failedWithin24h: true } } as const;
    const preview = await owner.operations.previewMany({ workspace: home, operation: "inventory.sync", selection });
    expect(preview.items.map((item) => item.tenant.slug)).toEqual([world.tenants.ready.tenant.slug]);
    expect(preview.rollup.total).toBe(1);
    const started = await owner.operations.startMany({ workspace: home, operation: "inventory.sync", selection, idempotencyKey: randomUUID() });
    expect(started.items.map((item) => item.tenant.id)).toEqual([world.tenants.ready.tenant.id]);
    expect(started.rollup.byOutcome.accepted).toBe(1);
  });
});

describe("secretExpiry", () => {
  it("each window lists exactly the tenants summary.secretExpiry counts; disabled connections and foreign tenants never count", async () => {
    const world = await seedWorld(prisma);
    const homeId = world.workspaces.home.id;
    const home = world.workspaces.home.slug;
    const owner = callerAs(env, world.users.owner);
    const expired = world.tenants.ready;
    await expireSecret(expired.connection!.id, -DAY);
    const inFiveDays = world.tenants.consentMissing;
    await expireSecret(inFiveDays.connection!.id, 5 * DAY);
    const inHours = await seedTenant(prisma, homeId, { name: "Hours left" });
    await expireSecret(inHours.connection!.id, 12 * HOUR);
    // A second connection of the same tenant, also within a day: the tenant counts once.
    await prisma.providerConnection.create({
      data: { tenantId: inHours.tenant.id, displayName: "Second app", clientId: randomUUID(), clientSecretEncrypted: "v1:not:a:real-secret", clientSecretExpiresAt: new Date(Date.now() + 6 * HOUR) },
    });
    const inTwentyDays = await seedTenant(prisma, homeId, { name: "Twenty days" });
    await expireSecret(inTwentyDays.connection!.id, 20 * DAY);
    const disabled = await seedTenant(prisma, homeId, { name: "Disabled expired" });
    await expireSecret(disabled.connection!.id, -DAY, false);
    await expireSecret(world.tenants.foreign.connection!.id, -DAY);

    const slugs = async (secretExpiry: TenantFilter["secretExpiry"]) =>
      (await owner.tenants.list({ filter: { secretExpiry } })).items.map((item) => item.slug).sort();
    const expected = {
      expired: [expired.tenant.slug],
      "1d": [inHours.tenant.slug],
      "7d": [inFiveDays.tenant.slug, inHours.tenant.slug],
      "30d": [inFiveDays.tenant.slug, inHours.tenant.slug, inTwentyDays.tenant.slug],
    };
    for (const window of secretExpiryWindows) expect(await slugs(window)).toEqual([...expected[window]].sort());
    const summary = await owner.tenants.summary({ workspace: home });
    expect(summary.secretExpiry).toEqual({ expired: 1, within1Day: 1, within7Days: 2, within30Days: 3 });

    const preview = await owner.operations.previewMany({ workspace: home, operation: "inventory.sync", selection: { kind: "filter", filter: { secretExpiry: "expired" } } });
    expect(preview.items.map((item) => item.tenant.slug)).toEqual([expired.tenant.slug]);
    expect(preview.rollup.blockedByReason).toEqual({ provider_credentials_expired: 1 });

    // The restricted member counts and lists only their own tenant.
    const restricted = callerAs(env, world.users.restricted);
    expect((await restricted.tenants.summary({ workspace: home })).secretExpiry).toEqual({ expired: 0, within1Day: 0, within7Days: 1, within30Days: 1 });
    expect((await restricted.tenants.list({ workspace: home, filter: { secretExpiry: "expired" } })).items).toEqual([]);
  });
});

describe("bad filter values", () => {
  it("are a 400 naming the field, on the list and on a bulk selection", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const home = world.workspaces.home.slug;
    const notTrue = await rejection(owner.tenants.list({ workspace: home, filter: { failedWithin24h: false as unknown as true } }));
    expect(notTrue.code).toBe("BAD_REQUEST");
    expect(notTrue.message).toMatch(/failedWithin24h/);
    const window = await rejection(owner.tenants.list({ workspace: home, filter: { secretExpiry: "14d" as never } }));
    expect(window.code).toBe("BAD_REQUEST");
    expect(window.message).toMatch(/secretExpiry/);
    const bulk = await rejection(
      owner.operations.previewMany({ workspace: home, operation: "inventory.sync", selection: { kind: "filter", filter: { secretExpiry: "soon" as never } } }),
    );
    expect(bulk.code).toBe("BAD_REQUEST");
    expect(bulk.message).toMatch(/secretExpiry/);
  });
});
