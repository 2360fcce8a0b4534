import { runProcedure } from "../../authorization";
import { cancelQueuedRun } from "../../services/run-cancellation";

/** Cancels a queued run; a run already running answers { cancelled: false, reason: "not_queued" }. */
export const cancel = runProcedure("runs.cancel").mutation(({ ctx, input }) => cancelQueuedRun(ctx.db, ctx.actor, input.runId));
