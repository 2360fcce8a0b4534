import { z } from "zod";
import { tenantVisibleTo } from "@tenantpilot/auth";
import { decodeTenantCursor, tenantOrders, type TenantCursor } from "@tenantpilot/dispatch-gate";
import { BulkOperation, TenantFilter } from "@tenantpilot/dispatch-gate/contract";
import { authedProcedure, WorkspaceKey } from "../../authorization";
import { authorizeWorkspace } from "../../authorization/optional-workspace";
import { rejectInput } from "../../errors";
import { listedOperations } from "../../services/tenants/readiness-operations";
import { listTenants } from "../../services/tenants/tenant-list";
import { requireFilterTags } from "../../services/tags/filter-tags";

/**
 * The tenants the caller sees (in one workspace, or in all of theirs), a keyset page at a time
 * (default 50), searchable and filterable by status, tag (one the caller cannot name is NOT_FOUND) and readiness, sorted by name or last
 * activity; each row with its readiness per operation (default: every operation with a bulk form).
 */
export const list = authedProcedure
  .input(
    z
      .object({
        workspace: WorkspaceKey.optional(),
        filter: TenantFilter.default({}),
        sort: z.enum(tenantOrders).default("name"),
        cursor: z.string().min(1).max(600).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        readiness: z.array(BulkOperation).max(12).optional(),
      })
      .default({ filter: {}, sort: "name", limit: 50 }),
  )
  .query(async ({ ctx, input }) => {
    const workspace = input.workspace === undefined ? undefined : await authorizeWorkspace(ctx.db, ctx.user.id, input.workspace, "tenants.read");
    await requireFilterTags(ctx.db, input.filter, workspace ? { workspaceId: workspace.workspace.id } : { memberUserId: ctx.user.id });
    return listTenants(ctx.db, {
      scope: { visible: tenantVisibleTo(ctx.user.id), ...(workspace ? { workspaceId: workspace.workspace.id } : {}) },
      viewerUserId: ctx.user.id,
      filter: input.filter,
      order: input.sort,
      after: cursorOf(input.cursor, input.sort),
      limit: input.limit,
      readinessFor: input.readiness ?? listedOperations,
    });
  });

function cursorOf(text: string | undefined, sort: TenantCursor["order"]): TenantCursor | null {
  if (text === undefined) return null;
  const cursor = decodeTenantCursor(text);
  if (cursor === null || cursor.order !== sort) throw rejectInput("cursor", "is not a cursor from a previous page of this sort");
  return cursor;
}
