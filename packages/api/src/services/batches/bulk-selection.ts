import type { Db } from "@tenantpilot/db";
import { tenantVisibleTo } from "@tenantpilot/auth";
import { resolveSelection, type SelectedTenant } from "@tenantpilot/dispatch-gate";
import { operationCatalog, type BulkOperation, type TenantSelection } from "@tenantpilot/dispatch-gate/contract";
import { authorizeWorkspace } from "../../authorization/optional-workspace";
import { notFound, rejectInput } from "../../errors";
import { requireFilterTags } from "../tags/filter-tags";

/** One batch acts on at most this many tenants (the benchmark measures 10,000 in about a second). */
export const MAX_BATCH_TENANTS = 20_000;

export interface BulkRequest extends BulkOperation {
  workspace: string;
  selection: TenantSelection;
}

/**
 * The workspace (the caller must hold the operation's capability there) and the tenants of a bulk
 * request: exactly what the tenants list shows for the same filter, for this caller. Named tenants
 * the caller cannot see answer NOT_FOUND, as a random slug does; so does a filter's tag that is not
 * the workspace's.
 */
export async function selectForBulk(db: Db, userId: string, request: BulkRequest): Promise<{ workspaceId: string; tenants: SelectedTenant[] }> {
  const workspace = await authorizeWorkspace(db, userId, request.workspace, operationCatalog[request.operation].requiredCapability);
  const workspaceId = workspace.workspace.id;
  if (request.selection.kind === "filter") await requireFilterTags(db, request.selection.filter, { workspaceId });
  const tenants = await resolveSelection(db, { visible: tenantVisibleTo(userId), workspaceId }, request.selection);
  if (request.selection.kind === "tenants") {
    const wanted = new Set(request.selection.tenants.map((key) => key.toLowerCase()));
    if (tenants.length !== wanted.size) throw notFound("tenant");
  }
  if (tenants.length > MAX_BATCH_TENANTS) {
    throw rejectInput("selection", `matches ${tenants.length} tenants; one batch takes at most ${MAX_BATCH_TENANTS}: narrow the filter`);
  }
  return { workspaceId, tenants };
}
