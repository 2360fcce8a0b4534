import { workspaceProcedure } from "../../authorization";
import { listSchedules } from "../../services/schedules/schedules";

/** The workspace's recurring bulk starts, with their next run and last batch. */
export const list = workspaceProcedure("tenants.read").query(({ ctx }) => listSchedules(ctx.db, ctx.workspace.workspace.id, ctx.user.id));
