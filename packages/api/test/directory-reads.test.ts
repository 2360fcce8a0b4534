import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "../../../tests/api/support/api-caller";
import { seedWorld } from "../../../tests/api/support/world";
import { seedDirectoryObject } from "./read-fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));

describe("directory.list", () => {
  it("lists the tenant's users and groups, the most recently first seen first, without payloads, with counts per kind", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const adele = await seedDirectoryObject(prisma, tenant.id, { kind: "user", displayName: "Adele Vance", principalName: "adele@contoso.test", lastSeenAt: at(1) });
    const sales = await seedDirectoryObject(prisma, tenant.id, { kind: "group", displayName: "Sales", principalName: "sales@contoso.test", lastSeenAt: at(2) });
    await seedDirectoryObject(prisma, world.tenants.consentMissing.tenant.id, { kind: "user", displayName: "Fabrikam user" });
    await seedDirectoryObject(prisma, world.tenants.foreign.tenant.id, { kind: "group", displayName: "Northwind group" });

    const listing = await callerAs(env, world.users.readonly).directory.list({ tenant: tenant.slug });
    expect(listing.items.map((item) => item.id)).toEqual([sales.id, adele.id]);
    expect(listing.items[1]).toEqual({
      id: adele.id,
      kind: "user",
      displayName: "Adele Vance",
      principalName: "adele@contoso.test",
      externalId: adele.externalId,
      lastSeenAt: at(1),
      createdAt: at(1),
    });
    expect(listing.counts).toEqual({ user: 1, group: 1 });
    expect(listing.nextCursor).toBeNull();
  });

  it("filters by kind and searches names and principal names; counts follow the search, not the kind", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const owner = callerAs(env, world.users.owner);
    const adele = await seedDirectoryObject(prisma, tenant.id, { kind: "user", displayName: "Adele Vance", principalName: "adele@contoso.test" });
    const megan = await seedDirectoryObject(prisma, tenant.id, { kind: "user", displayName: "Megan Bowen", principalName: "megan_b@contoso.test" });
    const group = await seedDirectoryObject(prisma, tenant.id, { kind: "group", displayName: "Sales and marketing", principalName: null });

    const users = await owner.directory.list({ tenant: tenant.slug, kind: "user" });
    expect(users.items.map((item) => item.id).sort()).toEqual([adele.id, megan.id].sort());
    expect(users.counts).toEqual({ user: 2, group: 1 });

    const groups = await owner.directory.list({ tenant: tenant.slug, kind: "group" });
    expect(groups.items.map((item) => item.id)).toEqual([group.id]);

    const byPrincipal = await owner.directory.list({ tenant: tenant.slug, search: "ADELE@" });
    expect(byPrincipal.items.map((item) => item.id)).toEqual([adele.id]);
    expect(byPrincipal.counts).toEqual({ user: 1, group: 0 });
    // "_" is a character here, not a wildcard: only Megan's principal name has one.
    expect((await owner.directory.list({ tenant: tenant.slug, search: "n_b" })).items.map((item) => item.id)).toEqual([megan.id]);
    expect((await owner.directory.list({ tenant: tenant.slug, search: "sales", kind: "user" })).items).toEqual([]);
  });

  it("pages through every object exactly once", async () => {
    const world = await seedWorld(prisma);
    const tenant = world.tenants.ready.tenant;
    const owner = callerAs(env, world.users.owner);
    for (let index = 0; index < 5; index++) {
      await seedDirectoryObject(prisma, tenant.id, { kind: "user", displayName: `User ${index}`, lastSeenAt: at(index < 3 ? 9 : index) });
    }
    const first = await owner.directory.list({ tenant: tenant.slug, kind: "user", limit: 3 });
    expect(first.nextCursor).not.toBeNull();
    const second = await owner.directory.list({ tenant: tenant.slug, kind: "user", limit: 3, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const names = [...first.items, ...second.items].map((item) => item.displayName);
    expect(new Set(names)).toEqual(new Set(["User 0", "User 1", "User 2", "User 3", "User 4"]));
    expect(names.slice(3)).toEqual(["User 4", "User 3"]);
  });

  it("refuses a kind other than user or group", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const refused = await rejection(owner.directory.list({ tenant: world.tenants.ready.tenant.slug, kind: "device" as "user" }));
    expect(refused.code).toBe("BAD_REQUEST");
  });
});
