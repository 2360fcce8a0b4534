import { z } from "zod";
import { ReasonCodeSchema, RunStatusSchema, startOutcomes, Uuid, watchedBatchRunsMax } from "@tenantpilot/dispatch-gate/contract";
import { batchProcedure } from "../../authorization";
import { batchHeaderOf, batchItems } from "../../services/batches/batch-views";

/** A batch: its header, counts and status, and a keyset page of its rows, filterable by outcome, reason and run status. */
export const detail = batchProcedure("tenants.read")
  .input(
    z.object({
      outcome: z.enum(startOutcomes).optional(),
      reason: ReasonCodeSchema.optional(),
      runStatus: RunStatusSchema.optional(),
      cursor: Uuid.optional(),
      limit: z.number().int().min(1).max(watchedBatchRunsMax).default(50),
    }),
  )
  .query(async ({ ctx, input }) => {
    const [batch, rows] = await Promise.all([
      batchHeaderOf(ctx.db, input.batchId, ctx.user.id),
      batchItems(ctx.db, input.batchId, ctx.user.id, {
        ...(input.outcome ? { outcome: input.outcome } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.runStatus ? { runStatus: input.runStatus } : {}),
        cursor: input.cursor ?? null,
        limit: input.limit,
      }),
    ]);
    return { batch, ...rows };
  });
