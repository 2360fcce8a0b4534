// The actors a workspace's activity can be filtered by: its members, by name and role, and no one else's.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@tenantpilot/test-support";
import { callerAs, rejection, testEnvironment } from "../../../tests/api/support/api-caller";
import { seedWorld } from "../../../tests/api/support/world";

const prisma = testPrisma(4);
afterAll(() => prisma.$disconnect());
const env = testEnvironment(prisma);

describe("workspaces.members", () => {
  it("lists the workspace's members by name with their role, and only theirs", async () => {
    const world = await seedWorld(prisma);
    const members = await callerAs(env, world.users.readonly).workspaces.members({ workspace: world.workspaces.home.slug });
    const { owner, manager, operator, readonly, restricted, outsider } = world.users;
    expect(members).toHaveLength(5);
    expect(members).toEqual(
      expect.arrayContaining([
        { userId: owner.id, displayName: owner.displayName, role: "Owner" },
        { userId: manager.id, displayName: manager.displayName, role: "Manager" },
        { userId: operator.id, displayName: operator.displayName, role: "Operator" },
        { userId: readonly.id, displayName: readonly.displayName, role: "Read-only" },
        { userId: restricted.id, displayName: restricted.displayName, role: "Owner" },
      ]),
    );
    expect(members.map((member) => member.userId)).not.toContain(outsider.id);
    const names = members.map((member) => member.displayName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("another workspace's members are not found", async () => {
    const world = await seedWorld(prisma);
    expect(await rejection(callerAs(env, world.users.owner).workspaces.members({ workspace: world.workspaces.other.slug }))).toEqual({
      code: "NOT_FOUND",
      message: "No such workspace.",
    });
  });
});
