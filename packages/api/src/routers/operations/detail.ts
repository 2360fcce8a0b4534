import { runProcedure } from "../../authorization";
import { runDetail } from "../../services/run-detail";

export const detail = runProcedure("tenants.read").query(({ ctx, input }) => runDetail(ctx.db, input.runId, ctx.access));
