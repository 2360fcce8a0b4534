import { scheduleProcedure } from "../../authorization";
import { setSchedulePaused } from "../../services/schedules/schedules";

export const resume = scheduleProcedure("schedules.manage").mutation(({ ctx, input }) =>
  ctx.db.$transaction((tx) => setSchedulePaused(tx, ctx.actor, input.scheduleId, ctx.workspace.workspace.id, false)),
);
