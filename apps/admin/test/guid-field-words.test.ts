// The two forms that take a Microsoft GUID — a new tenant's Microsoft tenant ID, a connection's
// application (client) ID — say in the same words, and in an operator's, what they expect: they
// answered zod's "Invalid UUID" on one and "Invalid GUID" on the other. What was typed stays.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { seedReadyTenants } from "../../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { addMember, seedUser } from "../../../tests/api/support/world";
import { action as newConnection } from "../app/routes/admin.provider-connections.new";
import { action as newOnboarding } from "../app/routes/admin.onboarding.new";
import { adminContextFor } from "./support/render-route";

const prisma = testPrisma(4);
afterAll(() => prisma.$disconnect());

const post = (path: string, fields: Record<string, string>) =>
  new Request(`http://admin.test${path}`, { method: "POST", body: new URLSearchParams(fields) });

describe("a GUID typed wrong", () => {
  it("gets one sentence naming what a GUID looks like, on both forms, with the typed values kept", async () => {
    const { workspaceId, tenants } = await seedReadyTenants(prisma, 1);
    const owner = await seedUser(prisma, { name: "Owner" });
    await addMember(prisma, { workspaceId, userId: owner.id, role: "owner" });
    const context = await adminContextFor(prisma, owner);

    const onboarding = await newOnboarding({
      request: post(`/admin/onboarding/new?workspace=${workspaceId}`, { displayName: "Fabrikam", slug: "fabrikam-new", microsoftTenantId: "not-a-guid" }),
      params: {},
      context,
    });
    const connection = await newConnection({
      request: post("/admin/provider-connections/new", { tenant: tenants[0]!.slug, displayName: "Graph app", clientId: "not-a-guid", clientSecret: "s3cret" }),
      params: {},
      context,
    });
    const expected = ["is not a GUID: 32 hexadecimal digits as 8-4-4-4-12, like 6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"];
    expect(onboarding.problem.fieldErrors["tenant.microsoftTenantId"]).toEqual(expected);
    expect(connection.problem.fieldErrors.clientId).toEqual(expected);
    expect(onboarding.values.microsoftTenantId).toBe("not-a-guid");
    expect(connection.values.clientId).toBe("not-a-guid");
  });
});
