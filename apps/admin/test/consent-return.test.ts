// The admin-consent return page at MSP scale: Microsoft names the tenant by its Microsoft tenant id,
// and the page must find the viewer's connections there even when that tenant is not among the
// first 200 by name — and must not offer anything for a Microsoft tenant the viewer cannot see.
import { afterAll, describe, expect, it } from "vitest";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { testPrisma } from "@tenantpilot/test-support";
import { seedReadyTenants } from "../../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { addMember, seedUser } from "../../../tests/api/support/world";
import { loader } from "../app/routes/admin.provider-connections.consent";
import { adminContextFor } from "./support/render-route";

const prisma = testPrisma(10);
afterAll(() => prisma.$disconnect());

async function microsoftTenantIdOf(tenantId: string): Promise<string> {
  const [row] = await prisma.$queryRaw<{ id: string }[]>`SELECT microsoft_tenant_id::text AS id FROM tenants WHERE id = ${tenantId}::uuid`;
  return row!.id;
}

describe("the admin-consent return page", () => {
  it("offers the check for the connection of the tenant Microsoft names, past the first 200 by name", async () => {
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 250);
    const operator = await seedUser(prisma, { name: "Operator" });
    await addMember(prisma, { workspaceId, userId: operator.id, role: "operator" });
    const context = await adminContextFor(prisma, operator);
    const consentReturn = async (microsoftTenantId: string) => {
      const url = `http://admin.test${routes.connectionConsent()}?admin_consent=True&tenant=${microsoftTenantId.toUpperCase()}`;
      return loader({ request: new Request(url), params: {}, context });
    };

    const last = tenants.at(-1)!; // "Tenant 000250": the 250th by name
    const page = await consentReturn(await microsoftTenantIdOf(last.id));
    expect(page.granted).toBe(true);
    expect(page.matches.map((match) => match.tenant.slug)).toEqual([last.slug]);
    expect(page.matches[0]?.check).toMatchObject({ outcome: "ready" });

    // A Microsoft tenant of another workspace: nothing offered, nothing said about it.
    const { tenants: elsewhere } = await seedReadyTenants(prisma, 1);
    expect((await consentReturn(await microsoftTenantIdOf(elsewhere[0]!.id))).matches).toEqual([]);
  });
});
