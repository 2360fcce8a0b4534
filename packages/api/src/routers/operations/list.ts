import { z } from "zod";
import { OperationIdSchema, RunStatusSchema } from "@tenantpilot/dispatch-gate/contract";
import { tenantScopeProcedure } from "../../authorization";
import { listRuns } from "../../services/run-listing";
import { pageCursor, pageInput } from "../page-input";

/** Runs of one tenant or of every tenant the caller sees, newest first, filtered by status and operation. */
export const list = tenantScopeProcedure("tenants.read")
  .input(
    z.object({
      status: z.array(RunStatusSchema).min(1).max(6).optional(),
      operation: OperationIdSchema.optional(),
      ...pageInput,
    }),
  )
  .query(({ ctx, input }) =>
    listRuns(
      ctx.db,
      ctx.tenants.map((access) => access.tenant.id),
      {
        ...(input.status ? { statuses: input.status } : {}),
        ...(input.operation ? { operation: input.operation } : {}),
        cursor: pageCursor(input.cursor),
        limit: input.limit,
      },
    ),
  );
