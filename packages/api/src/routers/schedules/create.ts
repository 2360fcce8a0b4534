import { workspaceProcedure } from "../../authorization";
import { createSchedule } from "../../services/schedules/schedules";
import { ScheduleSpecInput } from "./schedule-input";

export const create = workspaceProcedure("schedules.manage")
  .input(ScheduleSpecInput)
  .mutation(({ ctx, input }) => ctx.db.$transaction((tx) => createSchedule(tx, ctx.actor, ctx.workspace.workspace, input)));
