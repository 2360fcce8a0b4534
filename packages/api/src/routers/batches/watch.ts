import { z } from "zod";
import { Uuid, watchedBatchRunsMax } from "@tenantpilot/dispatch-gate/contract";
import { batchProcedure } from "../../authorization";
import { watchBatch } from "../../services/live/watch-batch";

/**
 * Follows a batch as its runs move (SSE through httpSubscriptionLink): its counts, status and the
 * named rows' runs in one snapshot first, then again after each burst of transitions; ends when the
 * batch is finished (ADR 034).
 */
export const watch = batchProcedure("tenants.read")
  .input(z.object({ runIds: z.array(Uuid).max(watchedBatchRunsMax).default([]) }))
  .subscription(({ ctx, input, signal }) =>
    watchBatch(ctx.db, ctx.env.runTransitions, { batchId: input.batchId, runIds: [...new Set(input.runIds)], viewerUserId: ctx.user.id, signal }),
  );
