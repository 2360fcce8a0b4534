// What the admin pages learn about the caller's role, so that they offer only what it can use: the
// viewer's workspaces carry their capabilities (an owner's include unarchiving tenants), and a run's
// detail says whether the caller may cancel or retry it.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, testEnvironment } from "../../../tests/api/support/api-caller";
import { seedWorld } from "../../../tests/api/support/world";

const prisma = testPrisma(4);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

describe("capabilities exposed to the UI", () => {
  it("the viewer: an owner may archive and unarchive, a manager and a read-only member may not; only managers and owners onboard", async () => {
    const world = await seedWorld(prisma);
    const capabilitiesOf = async (user: (typeof world.users)["owner"]) => {
      const me = await callerAs(env, user).auth.me();
      return me.workspaces.find((workspace) => workspace.id === world.workspaces.home.id)?.capabilities ?? [];
    };
    const [owner, manager, readonly] = [await capabilitiesOf(world.users.owner), await capabilitiesOf(world.users.manager), await capabilitiesOf(world.users.readonly)];
    expect(owner).toEqual(expect.arrayContaining(["tenants.archive", "onboarding.manage", "runs.cancel", "operations.start"]));
    expect(manager).toContain("onboarding.manage");
    expect(manager).not.toContain("tenants.archive");
    expect(readonly).toEqual(["tenants.read", "audit.read"]);
  });

  it("a run's detail: the owner may cancel and retry it, a read-only member neither", async () => {
    const world = await seedWorld(prisma);
    const runId = world.home.failedRun.id;
    const asOwner = await callerAs(env, world.users.owner).operations.detail({ runId });
    const asReadonly = await callerAs(env, world.users.readonly).operations.detail({ runId });
    expect(asOwner.capabilities).toEqual(expect.arrayContaining(["runs.cancel", "operations.start"]));
    expect(asReadonly.capabilities).not.toContain("runs.cancel");
    expect(asReadonly.capabilities).not.toContain("operations.start");
    expect(asReadonly.run.id).toBe(runId);
  });
});
