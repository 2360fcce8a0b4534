import type { Db } from "@tenantpilot/db";
import { describe } from "@tenantpilot/dispatch-gate/contract";

/**
 * The members of one workspace, by name: who can appear as an actor in its activity (the activity
 * page's actor filter). A workspace's staff is tens of people, so this is one read, not a paged list.
 */
export async function listWorkspaceMembers(db: Db, workspaceId: string) {
  const members = await db.membership.findMany({
    where: { workspaceId },
    select: { role: true, user: { select: { id: true, displayName: true } } },
    orderBy: [{ user: { displayName: "asc" } }, { userId: "asc" }],
  });
  return members.map((member) => ({ userId: member.user.id, displayName: member.user.displayName, role: describe({ role: member.role }) }));
}
