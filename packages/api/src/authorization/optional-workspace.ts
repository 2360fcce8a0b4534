import { resolveWorkspaceAccess, type WorkspaceAccess } from "@tenantpilot/auth";
import type { Capability } from "@tenantpilot/dispatch-gate/contract";
import type { Db } from "@tenantpilot/db";
import { notFound } from "../errors";
import { requireCapability } from "./capability";
import { isUuid } from "@tenantpilot/dispatch-gate/contract";

/** A workspace named by slug or id, as workspaceProcedure resolves it: a member (else NOT_FOUND) holding `capability`. */
export async function authorizeWorkspace(db: Db, userId: string, key: string, capability: Capability): Promise<WorkspaceAccess> {
  const ref = isUuid(key) ? { userId, workspaceId: key } : { userId, workspaceSlug: key.toLowerCase() };
  const workspace = await resolveWorkspaceAccess(db, ref);
  if (!workspace) throw notFound("workspace");
  requireCapability(workspace, capability);
  return workspace;
}
