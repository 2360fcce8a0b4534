// connections.list as a keyset list (ADR 035): who sees which tenants' connections (visibility in
// SQL, not a list of every tenant in memory), the workspace and search filters, the viewer's
// capabilities per row, and the refusals — a foreign workspace is not found, a forged cursor is a
// 400 naming `cursor`. Paging itself is proven in keyset-paging.test.ts, scale in apps/admin/test/connections-scale.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { encodeTenantCursor } from "@tenantpilot/dispatch-gate";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "./support/api-caller";
import { seedWorld } from "./support/world";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

type Listed = Awaited<ReturnType<ReturnType<typeof callerAs>["connections"]["list"]>>;
const tenantIds = (page: Listed) => [...new Set(page.items.map((item) => item.tenant.id))];

describe("connections.list without a tenant", () => {
  it("lists every connection of the tenants the caller sees, by tenant name, and no other", async () => {
    const world = await seedWorld(prisma);
    const owner = await callerAs(env, world.users.owner).connections.list({});
    expect(owner.items.map((item) => item.id)).toEqual([world.tenants.ready.connection!.id, world.tenants.consentMissing.connection!.id]);
    expect(owner.nextCursor).toBeNull();

    // Entitled to Fabrikam only: Contoso's connection is as absent as Northwind's (another workspace).
    const restricted = await callerAs(env, world.users.restricted).connections.list({});
    expect(tenantIds(restricted)).toEqual([world.tenants.consentMissing.tenant.id]);
    expect(JSON.stringify(restricted)).not.toContain(world.tenants.ready.connection!.id);
    expect(JSON.stringify(restricted)).not.toContain(world.tenants.foreign.connection!.id);

    const outsider = await callerAs(env, world.users.outsider).connections.list({});
    expect(outsider.items.some((item) => item.tenant.id === world.tenants.ready.tenant.id)).toBe(false);
  });

  it("filters by workspace; another workspace's slug is not found, like one that does not exist", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const home = await owner.connections.list({
      workspace: world.workspaces.home.slug,
    });
    expect(tenantIds(home)).toEqual([world.tenants.ready.tenant.id, world.tenants.consentMissing.tenant.id]);
    const foreign = await rejection(owner.connections.list({ workspace: world.workspaces.other.slug }));
    expect(foreign.code).toBe("NOT_FOUND");
    expect(foreign).toEqual(
      await rejection(
        owner.connections.list({
          workspace: `no-such-${randomUUID().slice(0, 8)}`,
        }),
      ),
    );
    // A restricted member's tenant outside its entitlement stays not found through `tenant` too.
    const restricted = await rejection(
      callerAs(env, world.users.restricted).connections.list({
        tenant: world.tenants.ready.tenant.slug,
      }),
    );
    expect(restricted.code).toBe("NOT_FOUND");
  });

  it("searches tenant names and slugs (all their connections) and connection names (that connection), literally and ignoring case", async () => {
    const world = await seedWorld(prisma);
    const contoso = world.tenants.ready.tenant;
    const backup = await prisma.providerConnection.create({
      data: {
        tenantId: contoso.id,
        displayName: "Backup_Reader app",
        clientId: randomUUID(),
      },
    });
    const owner = callerAs(env, world.users.owner);
    const ids = async (search: string) => (await owner.connections.list({ search })).items.map((item) => item.id);

    expect(await ids("CONTOSO")).toEqual([world.tenants.ready.connection!.id, backup.id]);
    expect(await ids(contoso.slug.toUpperCase())).toEqual([world.tenants.ready.connection!.id, backup.id]);
    expect(await ids("backup_reader")).toEqual([backup.id]);
    // `_` and `%` are text, not wildcards.
    expect(await ids("backup%reader")).toEqual([]);
    expect(await ids("Backup-Reader")).toEqual([]);
    expect(await ids("fabrikam graph")).toEqual([world.tenants.consentMissing.connection!.id]);
  });

  it("pages by tenant: a tenant's connections are never split, the cursor continues after the last tenant", async () => {
    const world = await seedWorld(prisma);
    const contoso = world.tenants.ready.tenant;
    const second = await prisma.providerConnection.create({
      data: {
        tenantId: contoso.id,
        displayName: "Second app",
        clientId: randomUUID(),
      },
    });
    const owner = callerAs(env, world.users.owner);
    const first = await owner.connections.list({ limit: 1 });
    expect(first.items.map((item) => item.id)).toEqual([world.tenants.ready.connection!.id, second.id]);
    expect(first.nextCursor).not.toBeNull();
    const next = await owner.connections.list({
      limit: 1,
      cursor: first.nextCursor!,
    });
    expect(next.items.map((item) => item.id)).toEqual([world.tenants.consentMissing.connection!.id]);
    expect(next.nextCursor).toBeNull();
  });

  it("carries the viewer's capabilities on each row's tenant", async () => {
    const world = await seedWorld(prisma);
    const [owned] = (
      await callerAs(env, world.users.owner).connections.list({
        tenant: world.tenants.ready.tenant.slug,
      })
    ).items;
    const [read] = (
      await callerAs(env, world.users.readonly).connections.list({
        tenant: world.tenants.ready.tenant.slug,
      })
    ).items;
    expect(owned?.capabilities).toEqual(expect.arrayContaining(["operations.start", "connections.manage"]));
    expect(read?.capabilities).toContain("tenants.read");
    expect(read?.capabilities).not.toContain("operations.start");
    expect(read?.capabilities).not.toContain("connections.manage");
  });

  it("refuses a cursor it did not hand out with a 400 naming `cursor`", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    for (const cursor of [
      "garbage",
      Buffer.from("2026-01-01|x").toString("base64url"),
      encodeTenantCursor({
        order: "activity",
        at: new Date(),
        id: world.tenants.ready.tenant.id,
      }),
    ]) {
      const refused = await rejection(owner.connections.list({ cursor }));
      expect(refused.code, cursor).toBe("BAD_REQUEST");
      expect(refused.message, cursor).toContain("cursor");
    }
  });
});
