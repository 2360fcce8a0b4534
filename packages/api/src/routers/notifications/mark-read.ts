import { ownNotificationsProcedure } from "../../authorization";
import { markNotificationsRead } from "../../services/notifications";

export const markRead = ownNotificationsProcedure.mutation(({ ctx }) => markNotificationsRead(ctx.db, ctx.user.id, ctx.notificationIds));
