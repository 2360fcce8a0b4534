import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "../../../tests/api/support/api-caller";
import { seedRun, seedWorld } from "../../../tests/api/support/world";
import { seedInventoryItem } from "./read-fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));

describe("inventory.list", () => {
  it("lists the tenant's items, the most recently first seen first, without payloads, with counts per policy type", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const run = await seedRun(prisma, tenant.id, { status: "succeeded" });
    const baseline = await seedInventoryItem(prisma, tenant.id, { displayName: "Baseline", lastSeenAt: at(2), lastSeenRunId: run.id });
    const compliance = await seedInventoryItem(prisma, tenant.id, { policyType: "compliancePolicy", displayName: "Require BitLocker", lastSeenAt: at(3) });
    const old = await seedInventoryItem(prisma, tenant.id, { displayName: "Old kiosk profile", lastSeenAt: at(0) });
    // Other tenants' items: one in the same workspace, one in another workspace.
    await seedInventoryItem(prisma, world.tenants.consentMissing.tenant.id, { displayName: "Fabrikam baseline" });
    await seedInventoryItem(prisma, world.tenants.foreign.tenant.id, { displayName: "Northwind baseline" });

    const listing = await callerAs(env, world.users.readonly).inventory.list({ tenant: tenant.slug });
    expect(listing.items.map((item) => item.id)).toEqual([compliance.id, baseline.id, old.id]);
    expect(listing.items[1]).toEqual({
      id: baseline.id,
      policyType: "deviceConfiguration",
      displayName: "Baseline",
      externalId: baseline.externalId,
      lastModifiedAt: new Date("2026-10-01T08:00:00Z"),
      lastSeenRunId: run.id,
      lastSeenAt: at(2),
      createdAt: at(2),
    });
    expect(listing.items[0]).not.toHaveProperty("payload");
    expect(listing.counts).toEqual([
      { policyType: "compliancePolicy", items: 1 },
      { policyType: "deviceConfiguration", items: 2 },
    ]);
    expect(listing.nextCursor).toBeNull();
  });

  it("filters by policy type and searches names and ids in any case; counts follow the search, not the type", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const owner = callerAs(env, world.users.owner);
    const windows = await seedInventoryItem(prisma, tenant.id, { displayName: "Windows baseline" });
    const compliance = await seedInventoryItem(prisma, tenant.id, { policyType: "compliancePolicy", displayName: "Windows compliance" });
    const ios = await seedInventoryItem(prisma, tenant.id, { displayName: "iOS restrictions", externalId: "ios-0042" });
    await seedInventoryItem(prisma, tenant.id, { displayName: "100% kiosk" });

    const byType = await owner.inventory.list({ tenant: tenant.slug, policyType: "compliancePolicy" });
    expect(byType.items.map((item) => item.id)).toEqual([compliance.id]);
    expect(byType.counts).toEqual([
      { policyType: "compliancePolicy", items: 1 },
      { policyType: "deviceConfiguration", items: 3 },
    ]);

    const searched = await owner.inventory.list({ tenant: tenant.slug, search: "  WINDOWS " });
    expect(searched.items.map((item) => item.id).sort()).toEqual([windows.id, compliance.id].sort());
    expect(searched.counts).toEqual([
      { policyType: "compliancePolicy", items: 1 },
      { policyType: "deviceConfiguration", items: 1 },
    ]);

    const both = await owner.inventory.list({ tenant: tenant.slug, search: "windows", policyType: "deviceConfiguration" });
    expect(both.items.map((item) => item.id)).toEqual([windows.id]);
    expect((await owner.inventory.list({ tenant: tenant.slug, search: "0042" })).items.map((item) => item.id)).toEqual([ios.id]);
    // A wildcard character is searched for literally.
    expect((await owner.inventory.list({ tenant: tenant.slug, search: "0%" })).items.map((item) => item.displayName)).toEqual(["100% kiosk"]);
    expect((await owner.inventory.list({ tenant: tenant.slug, search: "S_R" })).items).toEqual([]);
    expect((await owner.inventory.list({ tenant: tenant.slug, search: "S R" })).items.map((item) => item.id)).toEqual([ios.id]);
    expect((await owner.inventory.list({ tenant: tenant.slug, search: "" })).items).toHaveLength(4);

    const none = await owner.inventory.list({ tenant: tenant.slug, search: "no such policy" });
    expect(none).toEqual({ items: [], nextCursor: null, counts: [] });
  });

  it("pages through every item exactly once, also across items seen at the same moment", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const owner = callerAs(env, world.users.owner);
    // One sync writes a whole family with one timestamp: five items share at(5), two are older.
    const seeded = [];
    for (let index = 0; index < 5; index++) seeded.push(await seedInventoryItem(prisma, tenant.id, { displayName: `Same ${index}`, lastSeenAt: at(5) }));
    seeded.push(await seedInventoryItem(prisma, tenant.id, { displayName: "Older", lastSeenAt: at(1) }));
    seeded.push(await seedInventoryItem(prisma, tenant.id, { displayName: "Oldest", lastSeenAt: at(0) }));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await owner.inventory.list({ tenant: tenant.slug, limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.displayName));
      expect(page.counts).toEqual([{ policyType: "deviceConfiguration", items: 7 }]);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(5)).toEqual(["Older", "Oldest"]);
  });

  it("refuses a cursor it did not hand out", async () => {
    const world = await seedWorld(prisma);
    const refused = await rejection(callerAs(env, world.users.owner).inventory.list({ tenant: world.tenants.ready.tenant.slug, cursor: "not-a-cursor" }));
    expect(refused.code).toBe("BAD_REQUEST");
  });
});

describe("inventory.detail", () => {
  it("answers one item with its payload", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const item = await seedInventoryItem(prisma, tenant.id, { displayName: "Baseline", payload: { id: "abc", settings: [{ camera: false }] } });
    const detail = await callerAs(env, world.users.readonly).inventory.detail({ tenant: tenant.slug, itemId: item.id });
    expect(detail).toMatchObject({ id: item.id, displayName: "Baseline", policyType: "deviceConfiguration", externalId: item.externalId });
    expect(detail.payload).toEqual({ id: "abc", settings: [{ camera: false }] });
  });

  it("answers another tenant's item exactly like a random id", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const tenant = world.tenants.ready.tenant.slug;
    const sibling = await seedInventoryItem(prisma, world.tenants.consentMissing.tenant.id, { displayName: "Fabrikam baseline" });
    const foreign = await seedInventoryItem(prisma, world.tenants.foreign.tenant.id, { displayName: "Northwind baseline" });

    const random = await rejection(owner.inventory.detail({ tenant, itemId: randomUUID() }));
    expect(random).toEqual({ code: "NOT_FOUND", message: "No such inventory item." });
    expect(await rejection(owner.inventory.detail({ tenant, itemId: sibling.id }))).toEqual(random);
    expect(await rejection(owner.inventory.detail({ tenant, itemId: foreign.id }))).toEqual(random);
    // Through its own tenant the sibling's item is there.
    await expect(owner.inventory.detail({ tenant: world.tenants.consentMissing.tenant.slug, itemId: sibling.id })).resolves.toMatchObject({
      id: sibling.id,
    });
  });
});
