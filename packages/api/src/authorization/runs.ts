import { z } from "zod";
import { resolveTenantAccess } from "@tenantpilot/auth";
import { Uuid, watchedRunsMax, type Capability } from "@tenantpilot/dispatch-gate/contract";
import { notFound } from "../errors";
import { authedProcedure } from "./authed";
import { requireCapability } from "./capability";

/**
 * Input `{ runIds }` (a page's notices) → `ctx.tenantIds`, the tenants of those runs. Every run must
 * be one the caller may see with `capability`: one foreign, missing or hidden id answers NOT_FOUND
 * for the whole request, like a single run link does (runProcedure), so nothing tells which one.
 */
export function runsProcedure(capability: Capability) {
  return authedProcedure
    .input(z.object({ runIds: z.array(Uuid).min(1).max(watchedRunsMax) }))
    .use(async ({ ctx, input, next }) => {
      const runIds = [...new Set(input.runIds)];
      const rows = await ctx.db.operationRun.findMany({ where: { id: { in: runIds } }, select: { tenantId: true } });
      if (rows.length !== runIds.length) throw notFound("run");
      const tenantIds = new Set(rows.map((row) => row.tenantId));
      for (const tenantId of tenantIds) {
        const access = await resolveTenantAccess(ctx.db, { userId: ctx.user.id, tenantId });
        if (!access) throw notFound("run");
        requireCapability(access, capability);
      }
      return next({ ctx: { runIds, tenantIds: tenantIds as ReadonlySet<string> } });
    });
}
