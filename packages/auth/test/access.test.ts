import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@tenantpilot/db";
import {
  accessibleTenantsQuery,
  listAccessibleTenants,
  resolveTenantAccess,
  resolveWorkspaceAccess,
  tenantAccessQuery,
  tenantAccessByKeyQuery,
  workspaceAccessQuery,
} from "../src/access";
import { roleCapabilities } from "../src/capabilities";
import { testPrisma } from "@tenantpilot/test-support";
import { addMember, createTenant, createUser, createWorkspace } from "./fixtures";

const prisma = testPrisma();
afterAll(() => prisma.$disconnect());

// Two workspaces. In the first: an owner (all tenants), an operator entitled to `alpha`
// only, a readonly member with all tenants. In the second: an outsider who owns it.
const world = {} as {
  workspace: Awaited<ReturnType<typeof createWorkspace>>;
  otherWorkspace: Awaited<ReturnType<typeof createWorkspace>>;
  alpha: Awaited<ReturnType<typeof createTenant>>;
  beta: Awaited<ReturnType<typeof createTenant>>;
  foreign: Awaited<ReturnType<typeof createTenant>>;
  owner: string;
  operator: string;
  readonly: string;
  outsider: string;
  stranger: string;
};

beforeAll(async () => {
  world.workspace = await createWorkspace(prisma);
  world.otherWorkspace = await createWorkspace(prisma);
  world.alpha = await createTenant(prisma, world.workspace.id, "Alpha Corp");
  world.beta = await createTenant(prisma, world.workspace.id, "Beta Ltd");
  world.foreign = await createTenant(prisma, world.otherWorkspace.id, "Foreign Inc");
  world.owner = (await createUser(prisma)).id;
  world.operator = (await createUser(prisma)).id;
  world.readonly = (await createUser(prisma)).id;
  world.outsider = (await createUser(prisma)).id;
  world.stranger = (await createUser(prisma)).id;
  await addMember(prisma, { workspaceId: world.workspace.id, userId: world.owner, role: "owner" });
  await addMember(prisma, {
    workspaceId: world.workspace.id,
    userId: world.operator,
    role: "operator",
    allTenants: false,
    entitledTenantIds: [world.alpha.id],
  });
  await addMember(prisma, { workspaceId: world.workspace.id, userId: world.readonly, role: "readonly" });
  await addMember(prisma, { workspaceId: world.otherWorkspace.id, userId: world.outsider, role: "owner" });
  // An entitlement row on a membership that already covers all tenants changes nothing.
  await prisma.tenantEntitlement.create({
    data: {
      membershipId: (await prisma.membership.findFirstOrThrow({ where: { userId: world.readonly } })).id,
      tenantId: world.alpha.id,
    },
  });
});

describe("resolveTenantAccess", () => {
  it("resolves a member with all tenants, by id and by slug, with the role's capabilities", async () => {
    const byId = await resolveTenantAccess(prisma, { userId: world.owner, tenantId: world.beta.id });
    const bySlug = await resolveTenantAccess(prisma, { userId: world.owner, tenantSlug: world.beta.slug });
    expect(byId).toEqual(bySlug);
    expect(byId).toMatchObject({
      tenant: {
        id: world.beta.id,
        workspaceId: world.workspace.id,
        slug: world.beta.slug,
        displayName: "Beta Ltd",
        microsoftTenantId: world.beta.microsoftTenantId,
        status: "active",
      },
      membership: { workspaceId: world.workspace.id, userId: world.owner, role: "owner", allTenants: true },
      capabilities: roleCapabilities.owner,
    });
  });

  it("resolves an entitled member without all tenants", async () => {
    const access = await resolveTenantAccess(prisma, { userId: world.operator, tenantSlug: world.alpha.slug });
    expect(access).toMatchObject({
      tenant: { id: world.alpha.id },
      membership: { role: "operator", allTenants: false },
      capabilities: roleCapabilities.operator,
    });
    expect(access!.capabilities).not.toContain("operations.restore");
  });

  it("answers null for a member without an entitlement to the tenant", async () => {
    expect(await resolveTenantAccess(prisma, { userId: world.operator, tenantId: world.beta.id })).toBeNull();
    expect(await resolveTenantAccess(prisma, { userId: world.operator, tenantSlug: world.beta.slug })).toBeNull();
  });

  it("answers null for a member of another workspace and for a user with no membership", async () => {
    for (const userId of [world.outsider, world.stranger]) {
      expect(await resolveTenantAccess(prisma, { userId, tenantId: world.alpha.id })).toBeNull();
      expect(await resolveTenantAccess(prisma, { userId, tenantSlug: world.beta.slug })).toBeNull();
    }
    expect(await resolveTenantAccess(prisma, { userId: world.owner, tenantId: world.foreign.id })).toBeNull();
  });

  it("answers null, never an error, for unknown and malformed ids", async () => {
    const refs = [
      { userId: world.owner, tenantId: randomUUID() },
      { userId: world.owner, tenantId: "not-a-uuid" },
      { userId: world.owner, tenantId: "'; DROP TABLE tenants; --" },
      { userId: world.owner, tenantSlug: "no-such-tenant" },
      { userId: "not-a-uuid", tenantId: world.alpha.id },
      { userId: randomUUID(), tenantId: world.alpha.id },
    ];
    for (const ref of refs) expect(await resolveTenantAccess(prisma, ref)).toBeNull();
  });

  it("reflects entitlement changes immediately", async () => {
    const membership = await prisma.membership.findFirstOrThrow({ where: { userId: world.operator } });
    await prisma.tenantEntitlement.create({ data: { membershipId: membership.id, tenantId: world.beta.id } });
    expect(await resolveTenantAccess(prisma, { userId: world.operator, tenantId: world.beta.id })).not.toBeNull();
    await prisma.tenantEntitlement.delete({
      where: { membershipId_tenantId: { membershipId: membership.id, tenantId: world.beta.id } },
    });
    expect(await resolveTenantAccess(prisma, { userId: world.operator, tenantId: world.beta.id })).toBeNull();
  });
});

describe("listAccessibleTenants", () => {
  it("lists exactly the tenants each user may see, ordered by name", async () => {
    const names = async (userId: string) => (await listAccessibleTenants(prisma, userId)).map((a) => a.tenant.displayName);
    expect(await names(world.owner)).toEqual(["Alpha Corp", "Beta Ltd"]);
    expect(await names(world.operator)).toEqual(["Alpha Corp"]);
    expect(await names(world.readonly)).toEqual(["Alpha Corp", "Beta Ltd"]);
    expect(await names(world.outsider)).toEqual(["Foreign Inc"]);
    expect(await names(world.stranger)).toEqual([]);
    expect(await names("not-a-uuid")).toEqual([]);
    const [readonlyAlpha] = await listAccessibleTenants(prisma, world.readonly);
    expect(readonlyAlpha!.capabilities).toEqual(roleCapabilities.readonly);
  });
});

describe("resolveWorkspaceAccess", () => {
  it("resolves members by workspace id or slug, whatever their tenant entitlements", async () => {
    const byId = await resolveWorkspaceAccess(prisma, { userId: world.operator, workspaceId: world.workspace.id });
    expect(byId).toEqual({
      workspace: { id: world.workspace.id, slug: world.workspace.slug, name: world.workspace.name },
      membership: expect.objectContaining({ userId: world.operator, role: "operator", allTenants: false }),
      capabilities: roleCapabilities.operator,
    });
    expect(await resolveWorkspaceAccess(prisma, { userId: world.operator, workspaceSlug: world.workspace.slug })).toEqual(byId);
  });

  it("answers null for non-members and malformed ids", async () => {
    expect(await resolveWorkspaceAccess(prisma, { userId: world.outsider, workspaceId: world.workspace.id })).toBeNull();
    expect(await resolveWorkspaceAccess(prisma, { userId: world.stranger, workspaceSlug: world.workspace.slug })).toBeNull();
    expect(await resolveWorkspaceAccess(prisma, { userId: world.owner, workspaceId: "nope" })).toBeNull();
    expect(await resolveWorkspaceAccess(prisma, { userId: world.owner, workspaceId: randomUUID() })).toBeNull();
  });
});

describe("access queries", () => {
  // Planner choices on tiny tables mean nothing unless sequential scans are ruled out; with
  // them off, a query that *could not* use an index still shows a Seq Scan.
  async function plan(query: Prisma.Sql | null): Promise<string> {
    if (!query) throw new Error("expected a query");
    const rows = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${query}`);
    });
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  }

  it("are single statements served by indexes", async () => {
    // With the statistics a live database has (autovacuum keeps them): on tables it has never analysed the planner
    // guesses, and with the tenants' name-order index (connections list, ADR 035) it guessed a scan of every tenant.
    await prisma.$executeRawUnsafe("ANALYZE tenants, memberships, tenant_entitlements, workspaces");
    const bySlug = await plan(tenantAccessQuery({ userId: world.operator, tenantSlug: world.alpha.slug }));
    expect(bySlug).toMatch(/tenants_slug_key/);
    expect(bySlug).toMatch(/memberships_(workspace_id_user_id_key|user_id_idx)/);
    const byId = await plan(tenantAccessQuery({ userId: world.operator, tenantId: world.alpha.id }));
    // (id, workspace_id) is unique too (tag rows reference it): either index finds the one row.
    expect(byId).toMatch(/tenants_pkey|tenants_id_workspace_id_key/);
    const list = await plan(accessibleTenantsQuery(world.operator));
    expect(list).toMatch(/memberships_user_id_idx|memberships_workspace_id_user_id_key/);
    // Any index led by workspace_id (the list's keyset indexes lead with it too).
    expect(list).toMatch(/tenants_workspace_id_(\w+_)?idx/);
    const workspace = await plan(workspaceAccessQuery({ userId: world.operator, workspaceSlug: world.workspace.slug }));
    expect(workspace).toMatch(/workspaces_slug_key/);
    // A group of start read-aheads names each tenant by id or by slug, one of them null (ADR 043): both indexes, no scan.
    const byKey = await plan(Prisma.sql`
      SELECT a.* FROM (VALUES (${world.alpha.id}::uuid, NULL::text), (NULL::uuid, ${world.alpha.slug})) AS r(id, slug)
      CROSS JOIN LATERAL (${tenantAccessByKeyQuery(Prisma.sql`${world.operator}::uuid`, { id: Prisma.sql`r.id`, slug: Prisma.sql`r.slug` })}) a`);
    expect(byKey).toMatch(/tenants_pkey|tenants_id_workspace_id_key/);
    expect(byKey).toMatch(/tenants_slug_key/);
    for (const text of [bySlug, byId, list, workspace, byKey]) {
      expect(text).not.toMatch(/Seq Scan/);
      expect(text).toMatch(/tenant_entitlements_pkey|workspaces_/);
    }
  });
});
