import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { StartResult } from "@tenantpilot/dispatch-gate/contract";
import { runProcedure } from "../../authorization";
import { retryRun } from "../../services/run-retry";
import { ConfirmTenant } from "./start-target";

/**
 * A failed or cancelled run started again through the gate (same operation, same target). A
 * restore's retry needs the same confirmation as its first start.
 */
export const retry = runProcedure({ ofOperation: true })
  .input(z.object({ confirmTenant: ConfirmTenant.optional() }))
  .output(StartResult)
  .mutation(async ({ ctx, input }) => {
    const outcome = await retryRun(ctx.db, ctx.actor, { id: input.runId, operation: ctx.runOperation }, input.confirmTenant);
    if (!outcome.retried) {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Only failed or cancelled runs can be retried; this one is ${outcome.status}.` });
    }
    return outcome.result;
  });
