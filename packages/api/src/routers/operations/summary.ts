import { z } from "zod";
import { OperationIdSchema } from "@tenantpilot/dispatch-gate/contract";
import { tenantProcedure } from "../../authorization";
import { operationSummary } from "../../services/operation-summary";

/** One operation on one tenant as its page shows it: the active run, the last finished run, coverage. */
export const summary = tenantProcedure("tenants.read")
  .input(z.object({ operation: OperationIdSchema }))
  .query(({ ctx, input }) => operationSummary(ctx.db, ctx.access, input.operation));
