import { z } from "zod";
import { startOperation } from "@tenantpilot/dispatch-gate";
import { StartResult } from "@tenantpilot/dispatch-gate/contract";
import { initiatorOf, operationProcedure } from "../../authorization";
import { startTarget, TargetId } from "./start-target";

/** The gate: accepted | deduped | scope_busy | blocked. 404/403 were decided before it. */
export const start = operationProcedure
  .input(z.object({ target: TargetId.optional() }))
  .output(StartResult)
  .mutation(({ ctx, input }) => {
    const target = startTarget(input.operation, input.target);
    return startOperation(ctx.db, {
      tenantId: ctx.access.tenant.id,
      operation: input.operation,
      ...(target ? { target } : {}),
      initiator: initiatorOf(ctx.actor),
    });
  });
