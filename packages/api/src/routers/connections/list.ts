import { z } from "zod";
import { tenantVisibleTo } from "@tenantpilot/auth";
import { decodeTenantCursor } from "@tenantpilot/dispatch-gate";
import { searchTextMax } from "@tenantpilot/dispatch-gate/contract";
import { authedProcedure, authorizeTenant, authorizeWorkspace, tenantRef, TenantKey, WorkspaceKey } from "../../authorization";
import { rejectInput } from "../../errors";
import { listConnections } from "../../services/connection-list";

/**
 * Provider connections of one tenant (`tenant`), of one workspace, or of every tenant the caller
 * sees, each with what it blocks now and why: a keyset page of tenants in name order (default 50)
 * with all their (matching) connections, searchable by tenant name/slug or connection name.
 */
export const list = authedProcedure
  .input(
    z
      .object({
        tenant: TenantKey.optional(),
        workspace: WorkspaceKey.optional(),
        search: z.string().trim().max(searchTextMax).optional(),
        cursor: z.string().min(1).max(600).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .default({ limit: 50 }),
  )
  .query(async ({ ctx, input }) => {
    const after = input.cursor === undefined ? null : decodeTenantCursor(input.cursor);
    if (input.cursor !== undefined && (after === null || after.order !== "name")) throw rejectInput("cursor", "is not a cursor from a previous page");
    const [tenant, workspace] = await Promise.all([
      input.tenant === undefined ? undefined : authorizeTenant(ctx.db, tenantRef(ctx.user.id, input.tenant), "tenants.read"),
      input.workspace === undefined ? undefined : authorizeWorkspace(ctx.db, ctx.user.id, input.workspace, "tenants.read"),
    ]);
    return listConnections(ctx.db, {
      viewerUserId: ctx.user.id,
      visible: tenantVisibleTo(ctx.user.id),
      ...(workspace ? { workspaceId: workspace.workspace.id } : {}),
      ...(tenant ? { tenantId: tenant.tenant.id } : {}),
      ...(input.search ? { search: input.search } : {}),
      after: after?.order === "name" ? after : null,
      limit: input.limit,
    });
  });
