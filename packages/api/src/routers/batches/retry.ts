import { z } from "zod";
import { BulkStartResult } from "@tenantpilot/dispatch-gate/contract";
import { batchProcedure } from "../../authorization";
import { retryBatch } from "../../services/batches/batch-retry";
import { IdempotencyKey } from "../operations/bulk-input";

/** "Retry what can run now": a new batch for the failed or blocked rows that are ready now. */
export const retry = batchProcedure("operations.start")
  .input(z.object({ idempotencyKey: IdempotencyKey }))
  .output(BulkStartResult)
  .mutation(({ ctx, input }) => retryBatch(ctx.db, ctx.actor, input.batchId, input.idempotencyKey));
