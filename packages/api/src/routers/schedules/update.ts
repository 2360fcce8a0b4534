import { scheduleProcedure } from "../../authorization";
import { updateSchedule } from "../../services/schedules/schedules";
import { ScheduleSpecInput } from "./schedule-input";

export const update = scheduleProcedure("schedules.manage")
  .input(ScheduleSpecInput)
  .mutation(({ ctx, input }) => ctx.db.$transaction((tx) => updateSchedule(tx, ctx.actor, input.scheduleId, ctx.workspace.workspace.id, input)));
