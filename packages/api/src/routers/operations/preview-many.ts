import { previewMany as previewManyTenants } from "@tenantpilot/dispatch-gate";
import { BulkPreviewResult } from "@tenantpilot/dispatch-gate/contract";
import { authedProcedure } from "../../authorization";
import { selectForBulk } from "../../services/batches/bulk-selection";
import { BulkInput } from "./bulk-input";

/** What a bulk start would answer per tenant now, with the rollup; writes nothing. */
export const previewMany = authedProcedure
  .input(BulkInput)
  .output(BulkPreviewResult)
  .query(async ({ ctx, input }) => {
    const { tenants } = await selectForBulk(ctx.db, ctx.user.id, input);
    return previewManyTenants(ctx.db, {
      operation: input.operation,
      ...(input.reportKind ? { reportKind: input.reportKind } : {}),
      tenants,
      initiator: { kind: "user", userId: ctx.user.id },
    });
  });
