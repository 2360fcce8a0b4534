import { cancelRun } from "@tenantpilot/dispatch-gate";
import { runProcedure } from "../../authorization";

/**
 * Cancels a run through the gate's run-transition service: a queued run is cancelled at once
 * (job removed, scope freed, initiator notified); a running one gets a cancellation request its
 * worker honours at the next heartbeat; a finished one answers `{ ok: false, current }`.
 * The service writes the audit row (actor: the user, or the user's token).
 */
export const cancel = runProcedure("runs.cancel").mutation(({ ctx, input }) => cancelRun(ctx.db, input.runId, { by: ctx.actor }));
