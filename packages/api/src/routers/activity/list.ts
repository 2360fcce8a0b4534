import { z } from "zod";
import { tenantVisibleTo } from "@tenantpilot/auth";
import {
  authorizeTenant,
  tenantRef,
  TenantKey,
  workspaceProcedure,
} from "../../authorization";
import { notFound } from "../../errors";
import { listActivity } from "../../services/activity/activity-list";
import { fromNotAfterTo, pageCursor, pageInput } from "../page-input";

/**
 * The workspace's activity (audit log over every tenant the caller sees, and the workspace's own
 * rows), newest first, filtered by tenant, actor (a user id or "system"), action and a date range;
 * each entry in words with its subject named. The CSV export pages through it.
 */
export const list = workspaceProcedure("audit.read")
  .input(
    z
      .object({
        tenant: TenantKey.optional(),
        actor: z.union([z.uuid(), z.literal("system")]).optional(),
        action: z.string().trim().min(1).max(100).optional(),
        from: z.date().optional(),
        to: z.date().optional(),
        ...pageInput,
      })
      .refine(fromNotAfterTo, {
        path: ["to"],
        message: "must not be before from",
      })
  )
  .query(async ({ ctx, input }) => {
    const workspaceId = ctx.workspace.workspace.id;
    let tenantId: string | undefined;
    if (input.tenant !== undefined) {
      const access = await authorizeTenant(
        ctx.db,
        tenantRef(ctx.user.id, input.tenant),
        "audit.read"
      );
      // Another workspace's tenant is not part of this activity: answered like one that does not exist.
      if (access.tenant.workspaceId !== workspaceId) throw notFound("tenant");
      tenantId = access.tenant.id;
    }
    return listActivity(
      ctx.db,
      {
        workspaceId,
        visible: tenantVisibleTo(ctx.user.id),
        ...(tenantId === undefined ? {} : { tenantId }),
        ...(input.actor === undefined ? {} : { actor: input.actor }),
        ...(input.action === undefined ? {} : { action: input.action }),
        ...(input.from === undefined ? {} : { from: input.from }),
        ...(input.to === undefined ? {} : { to: input.to }),
        cursor: pageCursor(input.cursor),
        limit: input.limit,
      },
      ctx.workspace
    );
  });
