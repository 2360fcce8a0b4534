import { z } from "zod";
import { startMany as startManyTenants } from "@tenantpilot/dispatch-gate";
import { BulkStartResult } from "@tenantpilot/dispatch-gate/contract";
import { authedProcedure } from "../../authorization";
import { selectForBulk } from "../../services/batches/bulk-selection";
import { BulkInput, IdempotencyKey } from "./bulk-input";

/** One batch over the selected tenants: a StartResult per tenant and the rollup. Idempotent by key. */
export const startMany = authedProcedure
  .input(z.intersection(BulkInput, z.object({ idempotencyKey: IdempotencyKey })))
  .output(BulkStartResult)
  .mutation(async ({ ctx, input }) => {
    const { workspaceId, tenants } = await selectForBulk(ctx.db, ctx.user.id, input);
    return startManyTenants(ctx.db, {
      workspaceId,
      operation: input.operation,
      ...(input.reportKind ? { reportKind: input.reportKind } : {}),
      tenants,
      initiator: ctx.actor,
      idempotencyKey: input.idempotencyKey,
      selection: input.selection,
    });
  });
