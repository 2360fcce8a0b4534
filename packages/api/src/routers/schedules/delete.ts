import { scheduleProcedure } from "../../authorization";
import { deleteSchedule } from "../../services/schedules/schedules";

export const remove = scheduleProcedure("schedules.manage").mutation(({ ctx, input }) =>
  ctx.db.$transaction((tx) => deleteSchedule(tx, ctx.actor, input.scheduleId, ctx.workspace.workspace.id)),
);
