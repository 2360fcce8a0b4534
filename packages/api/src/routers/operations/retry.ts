import { TRPCError } from "@trpc/server";
import { StartResult } from "@tenantpilot/dispatch-gate/contract";
import { runProcedure } from "../../authorization";
import { retryRun } from "../../services/run-retry";

/** A failed or cancelled run started again through the gate (same operation, same target). */
export const retry = runProcedure({ ofOperation: true })
  .output(StartResult)
  .mutation(async ({ ctx, input }) => {
    const outcome = await retryRun(ctx.db, ctx.actor, { id: input.runId, operation: ctx.runOperation });
    if (!outcome.retried) {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Only failed or cancelled runs can be retried; this one is ${outcome.status}.` });
    }
    return outcome.result;
  });
