import { z } from "zod";
import { notFound } from "../errors";
import { authedProcedure } from "./authed";
import { Uuid } from "@tenantpilot/dispatch-gate/contract";

// Per-user resources: only their owner sees them; anyone else's id answers like a random one.

/** Input `{ ids }`: every id must be one of the caller's notifications. */
export const ownNotificationsProcedure = authedProcedure
  .input(z.object({ ids: z.array(Uuid).min(1).max(100) }))
  .use(async ({ ctx, input, next }) => {
    const ids = [...new Set(input.ids)];
    const owned = await ctx.db.notification.count({ where: { id: { in: ids }, userId: ctx.user.id } });
    if (owned !== ids.length) throw notFound("notification");
    return next({ ctx: { notificationIds: ids } });
  });

/** Input `{ tokenId }`: one of the caller's API tokens. */
export const ownApiTokenProcedure = authedProcedure
  .input(z.object({ tokenId: Uuid }))
  .use(async ({ ctx, input, next }) => {
    const owned = await ctx.db.apiToken.count({ where: { id: input.tokenId, userId: ctx.user.id } });
    if (owned === 0) throw notFound("apiToken");
    return next();
  });
