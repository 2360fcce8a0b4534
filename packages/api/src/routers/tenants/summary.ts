import { z } from "zod";
import { tenantVisibleTo } from "@tenantpilot/auth";
import { BulkOperation } from "@tenantpilot/dispatch-gate/contract";
import { workspaceProcedure } from "../../authorization";
import { tenantSummary } from "../../services/tenants/tenant-summary";

/** The workspace's counts (ready, blocked by reason, running, failed in the last 24 h) over the tenants the caller sees. */
export const summary = workspaceProcedure("tenants.read")
  .input(z.object({ readiness: BulkOperation.default({ operation: "inventory.sync" }) }))
  .query(({ ctx, input }) =>
    tenantSummary(ctx.db, { visible: tenantVisibleTo(ctx.user.id), workspaceId: ctx.workspace.workspace.id }, input.readiness),
  );
