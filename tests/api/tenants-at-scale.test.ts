// tenants.list and tenants.summary at MSP scale: a fixed number of statements whatever the workspace
// size (10,000 tenants seeded by SQL), keyset pages that neither repeat nor skip while tenants are
// added, search / status / tag / readiness filters, archive and unarchive.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@tenantpilot/db";
import { startOperation } from "@tenantpilot/dispatch-gate";
import { testDatabaseUrl, testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "./support/api-caller";
import { addMember, seedTenant, seedUser, seedWorld } from "./support/world";
import { seedReadyTenants } from "../../packages/dispatch-gate/test/bulk/bulk-fixtures";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

async function ownerOf(workspaceId: string) {
  const user = await seedUser(prisma, { name: "Owner" });
  await addMember(prisma, { workspaceId, userId: user.id, role: "owner" });
  return user;
}

describe("tenants.list at scale", () => {
  it("a page costs the same statements for 10 tenants as for 10,000", async () => {
    const statements: string[] = [];
    const counted = createPrismaClient(testDatabaseUrl(), { maxConnections: 4, onStatement: (sql) => statements.push(sql) });
    const countedEnv = testEnvironment(counted);
    try {
      const countFor = async (size: number) => {
        const { workspaceId } = await seedReadyTenants(prisma, size);
        const owner = await ownerOf(workspaceId);
        const workspace = (await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).slug;
        statements.length = 0;
        const page = await callerAs(countedEnv, owner).tenants.list({ workspace });
        expect(page.items).toHaveLength(Math.min(size, 50));
        expect(page.items[0]?.readiness.every((entry) => entry.result?.outcome === "ready")).toBe(true);
        const pageStatements = statements.length;
        statements.length = 0;
        const summary = await callerAs(countedEnv, owner).tenants.summary({ workspace });
        expect(summary.readiness.byOutcome.ready).toBe(size);
        return { pageStatements, summaryStatements: statements.length };
      };
      const small = await countFor(10);
      const large = await countFor(10_000);
      expect(large).toEqual(small);
      expect(small.pageStatements).toBeLessThanOrEqual(8);
    } finally {
      await counted.$disconnect();
    }
  });

  it("keyset pages neither repeat nor skip a tenant while tenants are added between pages", async () => {
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 230);
    const owner = await ownerOf(workspaceId);
    const api = callerAs(env, owner);
    for (const sort of ["name", "activity"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let round = 0;
      do {
        const page = await api.tenants.list({ workspace: workspaceId, sort, limit: 40, readiness: [], ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
        // Tenants added meanwhile, sorting before and after the position already reached.
        await prisma.tenant.createMany({
          data: ["Aaa", "Zzz"].map((name) => ({ workspaceId, slug: `${sort}-${round}-${name.toLowerCase()}-${randomUUID().slice(0, 6)}`, displayName: `${name} ${round}`, microsoftTenantId: randomUUID(), status: "active" })),
        });
        round += 1;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      for (const tenant of tenants) expect(seen).toContain(tenant.id);
    }
  });

  it("searches name, slug, domain and Microsoft tenant id; filters status, tag and readiness", async () => {
    const world = await seedWorld(prisma);
    const home = world.workspaces.home.id;
    const api = callerAs(env, world.users.owner);
    const ready = world.tenants.ready.tenant;
    await prisma.tenant.update({ where: { id: ready.id }, data: { primaryDomain: "contoso-eu.onmicrosoft.com" } });
    const archived = await seedTenant(prisma, home, { status: "archived", name: "Old Corp" });
    const slugs = async (input: Parameters<typeof api.tenants.list>[0]) => (await api.tenants.list(input)).items.map((item) => item.slug).sort();

    expect(await slugs({ workspace: home, filter: { search: "contoso-eu" } })).toEqual([ready.slug]);
    expect(await slugs({ workspace: home, filter: { search: ready.microsoftTenantId.slice(0, 13).toUpperCase() } })).toEqual([ready.slug]);
    expect(await slugs({ workspace: home, filter: { search: ready.slug } })).toEqual([ready.slug]);
    expect(await slugs({ workspace: home, filter: { search: "%" } })).toEqual([]);
    // Archived tenants are out of the default view; a filter shows them.
    expect(await slugs({ workspace: home })).not.toContain(archived.tenant.slug);
    expect(await slugs({ workspace: home, filter: { status: "archived" } })).toEqual([archived.tenant.slug]);
    expect(await slugs({ workspace: home, filter: { status: "all" } })).toContain(archived.tenant.slug);

    const tag = await api.tags.create({ workspace: home, name: "EU" });
    await api.tags.addTenants({ tagId: tag.id, tenants: [ready.slug] });
    expect(await slugs({ workspace: home, filter: { tagId: tag.id } })).toEqual([ready.slug]);
    expect((await api.tenants.list({ workspace: home, filter: { tagId: tag.id } })).items[0]?.tags).toEqual([{ id: tag.id, name: "EU" }]);

    const blockedByConsent = { operation: "inventory.sync", outcome: "blocked", reason: "provider_consent_missing" } as const;
    expect(await slugs({ workspace: home, filter: { readiness: { operation: "inventory.sync", outcome: "ready" } } })).toEqual([ready.slug]);
    expect(await slugs({ workspace: home, filter: { readiness: blockedByConsent } })).toEqual([world.tenants.consentMissing.tenant.slug]);
    await startOperation(prisma, { tenantId: ready.id, operation: "inventory.sync", initiator: { kind: "user", userId: world.users.owner.id } });
    expect(await slugs({ workspace: home, filter: { readiness: { operation: "inventory.sync", outcome: "deduped" } } })).toEqual([ready.slug]);
    expect(await slugs({ workspace: home, filter: { readiness: { operation: "backup.capture", outcome: "scope_busy" } } })).toEqual([ready.slug]);

    // A restricted member sees only their tenant, whatever the filter.
    expect((await callerAs(env, world.users.restricted).tenants.list({ workspace: home, filter: { status: "all" } })).items.map((t) => t.slug)).toEqual([
      world.tenants.consentMissing.tenant.slug,
    ]);
    // A cursor of another sort, or no cursor at all, is a field error.
    expect((await rejection(api.tenants.list({ workspace: home, cursor: "bm90LWEtY3Vyc29y" }))).code).toBe("BAD_REQUEST");
  });

  it("summary: ready, blocked by reason, running and failed in the last 24 hours, over the caller's tenants", async () => {
    const world = await seedWorld(prisma);
    const api = callerAs(env, world.users.owner);
    await startOperation(prisma, { tenantId: world.tenants.ready.tenant.id, operation: "directory.sync", initiator: { kind: "system" } });
    const summary = await api.tenants.summary({ workspace: world.workspaces.home.slug });
    expect(summary).toMatchObject({
      tenants: { total: 2, byStatus: { active: 2, onboarding: 0, archived: 0 } },
      readiness: { operation: "inventory.sync", total: 2, byOutcome: { ready: 1, blocked: 1 }, blockedByReason: { provider_consent_missing: 1 } },
      running: 1,
      // seedWorld gives each tenant a failed run finished just now
      failedLast24h: { tenants: 1, runs: 1 },
    });
    const restricted = await callerAs(env, world.users.restricted).tenants.summary({ workspace: world.workspaces.home.slug });
    expect(restricted).toMatchObject({ tenants: { total: 1 }, running: 0, failedLast24h: { tenants: 0, runs: 0 } });
  });
});

describe("archive and unarchive", () => {
  it("the owner archives (starts blocked, out of the default list) and unarchives; each change audited once", async () => {
    const world = await seedWorld(prisma);
    const owner = callerAs(env, world.users.owner);
    const tenant = world.tenants.ready.tenant;
    expect(await owner.tenants.archive({ tenant: tenant.slug })).toMatchObject({ status: "archived", changed: true });
    expect(await owner.tenants.archive({ tenant: tenant.slug })).toMatchObject({ status: "archived", changed: false });
    expect(await owner.operations.preview({ tenant: tenant.slug, operation: "inventory.sync" })).toMatchObject({ outcome: "blocked", reason: "tenant_not_operable" });
    expect((await owner.tenants.list({ workspace: world.workspaces.home.id })).items.map((t) => t.slug)).not.toContain(tenant.slug);
    expect(await owner.tenants.unarchive({ tenant: tenant.slug })).toMatchObject({ status: "active", changed: true });
    expect(await owner.operations.preview({ tenant: tenant.slug, operation: "inventory.sync" })).toMatchObject({ outcome: "ready" });
    const audit = await prisma.auditLogEntry.findMany({ where: { tenantId: tenant.id, action: { in: ["tenant.archived", "tenant.unarchived"] } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((row) => [row.action, row.actorUserId])).toEqual([
      ["tenant.archived", world.users.owner.id],
      ["tenant.unarchived", world.users.owner.id],
    ]);
    // A manager may do everything else, but archiving is the owner's.
    expect((await rejection(callerAs(env, world.users.manager).tenants.archive({ tenant: tenant.slug }))).code).toBe("FORBIDDEN");
  });
});

describe("tags", () => {
  it("create, rename, put tenants in and take them out (one and many), delete — audited; names unique per workspace whatever the case", async () => {
    const world = await seedWorld(prisma);
    const home = world.workspaces.home.id;
    const api = callerAs(env, world.users.operator);
    const eu = await api.tags.create({ workspace: home, name: "EU" });
    const dup = await rejection(api.tags.create({ workspace: home, name: "eu" }));
    expect(dup.code).toBe("BAD_REQUEST");
    expect(dup.message).toMatch(/name/);
    // Another workspace may have its own "EU".
    await callerAs(env, world.users.outsider).tags.create({ workspace: world.workspaces.other.id, name: "EU" });

    const gold = await api.tags.rename({ tagId: eu.id, name: "Gold support" });
    expect(gold).toEqual({ id: eu.id, name: "Gold support" });
    expect(await api.tags.addTenants({ tagId: eu.id, tenants: [world.tenants.ready.tenant.slug, world.tenants.consentMissing.tenant.id] })).toEqual({ tagId: eu.id, changed: 2 });
    expect(await api.tags.addTenants({ tagId: eu.id, tenants: [world.tenants.ready.tenant.slug] })).toEqual({ tagId: eu.id, changed: 0 });
    const euOf = async (user: typeof world.users.owner) => (await callerAs(env, user).tags.list({ workspace: home })).find((tag) => tag.id === eu.id);
    expect(await euOf(world.users.operator)).toEqual({ id: eu.id, name: "Gold support", tenantCount: 2 });
    // The restricted member counts only the tenant they see.
    expect(await euOf(world.users.restricted)).toEqual({ id: eu.id, name: "Gold support", tenantCount: 1 });
    expect(await api.tags.removeTenants({ tagId: eu.id, tenants: [world.tenants.ready.tenant.slug] })).toEqual({ tagId: eu.id, changed: 1 });

    // A tenant of another workspace, or one the caller may not see, is NOT_FOUND; nothing changes.
    const random = await rejection(api.tags.addTenants({ tagId: eu.id, tenants: [`no-such-${randomUUID().slice(0, 6)}`] }));
    expect(random).toEqual({ code: "NOT_FOUND", message: "No such tenant." });
    expect(await rejection(api.tags.addTenants({ tagId: eu.id, tenants: [world.tenants.foreign.tenant.slug] }))).toEqual(random);
    expect(await rejection(callerAs(env, world.users.restricted).tags.addTenants({ tagId: eu.id, tenants: [world.tenants.ready.tenant.slug] }))).toEqual(random);
    // The database itself refuses a tag holding another workspace's tenant.
    await expect(prisma.tenantTag.create({ data: { tagId: eu.id, tenantId: world.tenants.foreign.tenant.id, workspaceId: home } })).rejects.toThrow();

    await api.tags.delete({ tagId: eu.id });
    expect(await euOf(world.users.operator)).toBeUndefined();
    expect(await prisma.tenantTag.count({ where: { tagId: eu.id } })).toBe(0);
    const actions = (await prisma.auditLogEntry.findMany({ where: { targetId: eu.id }, orderBy: { createdAt: "asc" } })).map((row) => row.action);
    expect(actions).toEqual(["tag.created", "tag.renamed", "tag.tenants_added", "tag.tenants_added", "tag.tenants_removed", "tag.deleted"]);
    // A foreign tag id answers like a random one.
    const foreignTag = await prisma.tag.findFirstOrThrow({ where: { workspaceId: world.workspaces.other.id } });
    const randomTag = await rejection(api.tags.rename({ tagId: randomUUID(), name: "x" }));
    expect(randomTag).toEqual({ code: "NOT_FOUND", message: "No such tag." });
    expect(await rejection(api.tags.rename({ tagId: foreignTag.id, name: "x" }))).toEqual(randomTag);
  });
});
