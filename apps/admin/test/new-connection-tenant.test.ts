// The add-connection form's tenant picker at MSP scale: the tenant a page sent the operator here for
// (?tenant=) is preselected even when it is not among the first 200 by name; a ?tenant= the API
// refuses only means nothing is preselected, never an error page. With 2,000 tenants any of them can
// be picked: the picker says it shows the first 200 and finds the others by name, short name, domain
// or Microsoft tenant ID (?find=), and the form adds a connection to the tenant found.
import { afterAll, describe, expect, it } from "vitest";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { seedReadyTenants } from "../../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { addMember, seedUser } from "../../../tests/api/support/world";
import NewConnection, { action, loader } from "../app/routes/admin.provider-connections.new";
import { adminContextFor, renderRoute } from "./support/render-route";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

describe("the add-connection form's tenant picker", () => {
  it("preselects the tenant named in the URL even past the first 200 by name", async () => {
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 250);
    const owner = await seedUser(prisma, { name: "Owner" });
    await addMember(prisma, { workspaceId, userId: owner.id, role: "owner" });
    const context = await adminContextFor(prisma, owner);
    const open = async (tenant: string) =>
      loader({ request: new Request(`http://admin.test${routes.newConnection()}?tenant=${encodeURIComponent(tenant)}`), params: {}, context });

    const last = tenants.at(-1)!; // "Tenant 000250": the 250th by name
    const page = await open(last.slug);
    expect(page.selected).toBe(last.slug);
    expect(page.tenants.map((tenant) => tenant.slug)).toContain(last.slug);
    expect(page.tenants.length).toBe(201);

    const refused = await open("\u0000".repeat(3));
    expect(refused.selected).toBeNull();
    expect(refused.tenants.length).toBe(200);
  });

  it("finds any of 2,000 tenants past the first 200, and adds the connection to the one found", async () => {
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 2_000);
    const owner = await seedUser(prisma, { name: "Owner" });
    await addMember(prisma, { workspaceId, userId: owner.id, role: "owner" });
    const context = await adminContextFor(prisma, owner);
    const path = routes.newConnection();

    // Unfound, it says that it shows the first 200 and offers the finder.
    const first = await renderRoute({ path, loader, Component: NewConnection }, context, `http://admin.test${path}`);
    expect(first.data.tenants).toHaveLength(200);
    expect(first.data.more).toBe(true);
    expect(first.html).toContain("first 200 tenants");
    expect(first.html).toMatch(/<input[^>]*name="find"/);

    // The 1,500th by name, found by its name; the selection is what was found.
    const wanted = tenants[1_499]!;
    const found = await renderRoute({ path, loader, Component: NewConnection }, context, `http://admin.test${routes.newConnection({ find: "Tenant 001500" })}`);
    expect(found.data.tenants.map((tenant) => tenant.slug)).toEqual([wanted.slug]);
    expect(found.data.more).toBe(false);
    expect(found.html).toContain(`value="${wanted.slug}"`);
    expect(found.html).toMatch(/<input[^>]*name="find"[^>]*value="Tenant 001500"/);
    // Found by its short name too; nothing found says so.
    expect((await loader({ request: new Request(`http://admin.test${routes.newConnection({ find: wanted.slug })}`), params: {}, context })).tenants.map((t) => t.slug)).toEqual([wanted.slug]);
    const none = await renderRoute({ path, loader, Component: NewConnection }, context, `http://admin.test${routes.newConnection({ find: "no such tenant" })}`);
    expect(none.data.tenants).toEqual([]);
    expect(none.html).toContain("No tenant matches");

    const post = new Request(`http://admin.test${path}`, {
      method: "POST",
      body: new URLSearchParams({ tenant: wanted.slug, displayName: "Found app", clientId: crypto.randomUUID() }),
    });
    const created = (await Promise.resolve(action({ request: post, params: {}, context })).catch((thrown: unknown) => thrown)) as Response;
    expect(created.status).toBe(302);
    expect(await prisma.providerConnection.count({ where: { tenantId: wanted.id, displayName: "Found app" } })).toBe(1);
  });
});
