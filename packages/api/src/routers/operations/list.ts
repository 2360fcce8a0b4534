import { z } from "zod";
import { OperationIdSchema, RunStatusSchema } from "@tenantpilot/dispatch-gate/contract";
import { tenantScopeProcedure } from "../../authorization";
import { listRuns } from "../../services/run-listing";
import { fromNotAfterTo, pageCursor, pageInput } from "../page-input";

/**
 * Runs of one tenant or of every tenant the caller sees, newest first, filtered by status, operation
 * and when they were started (from/to, inclusive); with duration, who started them, their connection
 * by name, and the counts per status over the other filters. The CSV export pages through it.
 */
export const list = tenantScopeProcedure("tenants.read")
  .input(
    z
      .object({
        status: z.array(RunStatusSchema).min(1).max(6).optional(),
        operation: OperationIdSchema.optional(),
        from: z.date().optional(),
        to: z.date().optional(),
        /** Also answer the counts per status over the other filters (the monitoring page's chips). */
        statusCounts: z.boolean().default(false),
        ...pageInput,
      })
      .refine(fromNotAfterTo, { path: ["to"], message: "must not be before from" }),
  )
  .query(({ ctx, input }) =>
    listRuns(
      ctx.db,
      ctx.tenants.map((access) => access.tenant.id),
      {
        ...(input.status ? { statuses: input.status } : {}),
        ...(input.operation ? { operation: input.operation } : {}),
        ...(input.from ? { from: input.from } : {}),
        ...(input.to ? { to: input.to } : {}),
        statusCounts: input.statusCounts,
        cursor: pageCursor(input.cursor),
        limit: input.limit,
      },
    ),
  );
