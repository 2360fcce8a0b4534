// A tenant filter's tag is an id the caller supplies: a tag that was deleted, another workspace's
// or a random id answers NOT_FOUND "No such tag." on every list that takes one (the tenants list in
// one workspace or across the caller's), as a bulk selection by tag already did (ADR 037). The list
// answered an empty page, which reads as "no tenant has this tag".
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "./support/api-caller";
import { seedWorld } from "./support/world";

const prisma = testPrisma(4);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

describe("tenants.list by a tag that is not the caller's to name", () => {
  it("a deleted tag, another workspace's tag or a random id is NOT_FOUND, in one workspace and across the caller's", async () => {
    const world = await seedWorld(prisma);
    const home = world.workspaces.home.slug;
    const owner = callerAs(env, world.users.owner);
    const deleted = await owner.tags.create({ workspace: home, name: "Gone" });
    await owner.tags.delete({ tagId: deleted.id });
    const notFound = { code: "NOT_FOUND", message: "No such tag." };
    for (const tagId of [deleted.id, world.away.tag.id, randomUUID()]) {
      expect(await rejection(owner.tenants.list({ workspace: home, filter: { tagId } }))).toEqual(notFound);
      expect(await rejection(owner.tenants.list({ workspace: home, filter: { tagIds: [tagId] } }))).toEqual(notFound);
      expect(await rejection(owner.tenants.list({ filter: { tagId } }))).toEqual(notFound);
    }
    // One stale id among the workspace's tags is enough; the workspace's own tags still filter.
    const eu = await owner.tags.create({ workspace: home, name: "EU" });
    await owner.tags.addTenants({ tagId: eu.id, tenants: [world.tenants.ready.tenant.slug] });
    expect(await rejection(owner.tenants.list({ workspace: home, filter: { tagIds: [eu.id, world.away.tag.id] } }))).toEqual(notFound);
    expect((await owner.tenants.list({ workspace: home, filter: { tagIds: [eu.id] } })).items.map((item) => item.slug)).toEqual([world.tenants.ready.tenant.slug]);
    // Across workspaces, a tag of any workspace the caller is a member of filters as before.
    expect((await owner.tenants.list({ filter: { tagId: eu.id } })).items.map((item) => item.slug)).toEqual([world.tenants.ready.tenant.slug]);
    // A member entitled to some tenants names the workspace's tag like anyone in it (an empty page is honest there).
    const restricted = callerAs(env, world.users.restricted);
    expect((await restricted.tenants.list({ workspace: home, filter: { tagId: eu.id } })).items).toEqual([]);
    // The other workspace's owner cannot name this workspace's tag.
    expect(await rejection(callerAs(env, world.users.outsider).tenants.list({ filter: { tagId: eu.id } }))).toEqual(notFound);
  });
});
