import { notFound } from "../../errors";
import { z } from "zod";
import { tenantProcedure } from "../../authorization";
import { reportDetail } from "../../services/reports";
import { Uuid } from "@tenantpilot/dispatch-gate/contract";

/** One report with its rows. Another tenant's report answers exactly like a random id. */
export const detail = tenantProcedure("tenants.read")
  .input(z.object({ reportId: Uuid }))
  .query(async ({ ctx, input }) => {
    const report = await reportDetail(ctx.db, ctx.access.tenant.id, input.reportId);
    if (report === null) throw notFound("report");
    return report;
  });
