// The home names its workspace in the URL (?workspace=) like the activity and the settings do: a
// workspace the viewer is not a member of (a stale bookmark, another MSP's slug) is the 404 page, for
// the page and for its forms. It showed the viewer's first workspace under the foreign name instead,
// and a bulk start from that page ran over the first workspace's tenants.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { seedReadyTenants } from "../../../packages/dispatch-gate/test/bulk/bulk-fixtures";
import { addMember, seedUser } from "../../../tests/api/support/world";
import { action, loader } from "../app/routes/admin._index";
import { adminContextFor } from "./support/render-route";
import { thrownStatus } from "./support/thrown-status";

const prisma = testPrisma(4);
afterAll(() => prisma.$disconnect());


describe("the home's ?workspace=", () => {
  it("is the 404 page for a workspace the viewer is not in, and its bulk form starts nothing", async () => {
    const mine = await seedReadyTenants(prisma, 3);
    const other = await seedReadyTenants(prisma, 1);
    const owner = await seedUser(prisma, { name: "Owner" });
    await addMember(prisma, { workspaceId: mine.workspaceId, userId: owner.id, role: "owner" });
    const context = await adminContextFor(prisma, owner);
    const [own, foreign] = await Promise.all(
      [mine.workspaceId, other.workspaceId].map(async (id) => (await prisma.workspace.findUniqueOrThrow({ where: { id } })).slug),
    );

    // Its own workspace by name (any case) and no name at all are the home.
    for (const path of [routes.home(), routes.home({ workspace: own! }), routes.home({ workspace: own!.toUpperCase() })]) {
      const page = await loader({ request: new Request(`http://admin.test${path}`), params: {}, context });
      expect(page.workspace?.slug).toBe(own);
    }
    for (const named of [foreign!, "no-such-workspace"]) {
      const path = routes.home({ workspace: named });
      expect(await thrownStatus(() => loader({ request: new Request(`http://admin.test${path}`), params: {}, context }))).toEqual({
        status: 404,
        data: { kind: "not_found", message: "No such workspace." },
      });
      const confirm = new Request(`http://admin.test${path}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "confirm", operation: "inventory.sync", selection: JSON.stringify({ kind: "filter", filter: {} }), idempotencyKey: crypto.randomUUID() }),
      });
      expect((await thrownStatus(() => action({ request: confirm, params: {}, context }))).status).toBe(404);
    }
    expect(await prisma.batch.count({ where: { workspaceId: mine.workspaceId } })).toBe(0);
    expect(await prisma.operationRun.count({ where: { tenantId: { in: mine.tenants.map((tenant) => tenant.id) } } })).toBe(0);
  });
});
