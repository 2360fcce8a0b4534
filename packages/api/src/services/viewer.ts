import type { Db } from "@tenantpilot/db";
import { isRole, roleCapabilities, type SessionUser } from "@tenantpilot/auth";
import type { Credential } from "../context";

/** The signed-in user and their workspaces with role and capabilities: what every page header needs. */
export async function loadViewer(db: Db, user: SessionUser, credential: Exclude<Credential, { kind: "anonymous" }>) {
  const memberships = await db.membership.findMany({
    where: { userId: user.id },
    select: { role: true, allTenants: true, workspace: { select: { id: true, slug: true, name: true } } },
    orderBy: [{ workspace: { name: "asc" } }, { workspaceId: "asc" }],
  });
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName },
    via: credential.kind,
    sessionExpiresAt: credential.kind === "session" ? credential.expiresAt : null,
    workspaces: memberships.flatMap((membership) => {
      const role = membership.role;
      if (!isRole(role)) return [];
      return [{ ...membership.workspace, role, allTenants: membership.allTenants, capabilities: [...roleCapabilities[role]] }];
    }),
  };
}
export type Viewer = Awaited<ReturnType<typeof loadViewer>>;
