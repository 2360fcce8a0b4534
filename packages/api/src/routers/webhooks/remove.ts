import { workspaceProcedure } from "../../authorization";
import { removeWebhook } from "../../services/webhooks/webhook-config";

/** Removes the workspace's webhook (owner); pending deliveries are cancelled. Idempotent. Audited when it removed one. */
export const remove = workspaceProcedure("webhooks.manage").mutation(async ({ ctx }) => ({
  removed: await ctx.db.$transaction((tx) => removeWebhook(tx, ctx.actor, ctx.workspace.workspace.id)),
}));
