// The new-tenant wizard answers like every other page: a workspace the viewer is not a member of is
// the 404 page, a member whose role does not onboard gets the 403 page saying so (it was a 404 for a
// read-only member, while the new-schedule and webhook pages answered 403), for the page and its form.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { seedReadyTenants } from "../../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { addMember, seedUser } from "../../../tests/api/support/world";
import { action, loader } from "../app/routes/admin.onboarding.new";
import { adminContextFor } from "./support/render-route";
import { thrownStatus } from "./support/thrown-status";

const prisma = testPrisma(4);
afterAll(() => prisma.$disconnect());


describe("the new-tenant wizard", () => {
  it("is 403 for a member whose role does not onboard, 404 for a workspace the viewer is not in, and opens for an owner", async () => {
    const mine = await seedReadyTenants(prisma, 1);
    const other = await seedReadyTenants(prisma, 1);
    const reader = await seedUser(prisma, { name: "Reader" });
    const owner = await seedUser(prisma, { name: "Owner" });
    await addMember(prisma, { workspaceId: mine.workspaceId, userId: reader.id, role: "readonly" });
    await addMember(prisma, { workspaceId: mine.workspaceId, userId: owner.id, role: "owner" });
    const asReader = await adminContextFor(prisma, reader);
    const page = (workspace?: string) => new Request(`http://admin.test${routes.onboardingNew()}${workspace ? `?workspace=${workspace}` : ""}`);
    const form = (workspace: string) =>
      new Request(`http://admin.test${routes.onboardingNew()}?workspace=${workspace}`, {
        method: "POST",
        body: new URLSearchParams({ displayName: "Fabrikam", slug: "fabrikam-x", microsoftTenantId: crypto.randomUUID() }),
      });

    const notAllowed = { status: 403, data: { kind: "forbidden", message: "Your role does not onboard tenants." } };
    expect(await thrownStatus(() => loader({ request: page(), params: {}, context: asReader }))).toEqual(notAllowed);
    expect(await thrownStatus(() => loader({ request: page(mine.workspaceId), params: {}, context: asReader }))).toEqual(notAllowed);
    expect(await thrownStatus(() => action({ request: form(mine.workspaceId), params: {}, context: asReader }))).toEqual(notAllowed);
    const notFound = { status: 404, data: { kind: "not_found", message: "No such workspace." } };
    expect(await thrownStatus(() => loader({ request: page(other.workspaceId), params: {}, context: asReader }))).toEqual(notFound);
    expect(await thrownStatus(() => action({ request: form(other.workspaceId), params: {}, context: asReader }))).toEqual(notFound);
    expect(await prisma.onboardingDraft.count({ where: { workspaceId: { in: [mine.workspaceId, other.workspaceId] } } })).toBe(0);

    const opened = loader({ request: page(), params: {}, context: await adminContextFor(prisma, owner) });
    expect(opened.workspace.id).toBe(mine.workspaceId);
  });
});
