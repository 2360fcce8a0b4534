// The add-connection form's tenant picker at MSP scale: the tenant a page sent the operator here for
// (?tenant=) is preselected even when it is not among the first 200 by name; a ?tenant= the API
// refuses only means nothing is preselected, never an error page.
import { afterAll, describe, expect, it } from "vitest";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { seedReadyTenants } from "../../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { addMember, seedUser } from "../../../tests/api/support/world";
import { loader } from "../app/routes/admin.provider-connections.new";
import { adminContextFor } from "./support/render-route";

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
});
