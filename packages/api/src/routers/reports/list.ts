import { z } from "zod";
import { reportKindIds } from "@tenantpilot/dispatch-gate/contract";
import { tenantProcedure } from "../../authorization";
import { listReports } from "../../services/reports";
import { pageCursor, pageInput } from "../page-input";

/** A tenant's generated reports, newest first, without their rows. */
export const list = tenantProcedure("tenants.read")
  .input(z.object({ kind: z.enum(reportKindIds).optional(), ...pageInput }))
  .query(({ ctx, input }) =>
    listReports(ctx.db, ctx.access.tenant.id, {
      ...(input.kind === undefined ? {} : { kind: input.kind }),
      cursor: pageCursor(input.cursor),
      limit: input.limit,
    }),
  );
