import { z } from "zod";
import { authedProcedure } from "../../authorization";
import { listNotifications } from "../../services/notifications";
import { pageCursor, pageInput } from "../page-input";

export const list = authedProcedure
  .input(z.object({ unreadOnly: z.boolean().default(false), ...pageInput }).default({ unreadOnly: false, limit: 25 }))
  .query(({ ctx, input }) =>
    listNotifications(ctx.db, ctx.user.id, { unreadOnly: input.unreadOnly, cursor: pageCursor(input.cursor), limit: input.limit }),
  );
