import { authedProcedure } from "../../authorization";
import { markNotificationsRead } from "../../services/notifications";

export const markAllRead = authedProcedure.mutation(({ ctx }) => markNotificationsRead(ctx.db, ctx.user.id, "all"));
