import { z } from "zod";
import { workspaceProcedure } from "../../authorization";
import { configureWebhook } from "../../services/webhooks/webhook-config";
import { WebhookUrl } from "./webhook-input";

/**
 * Sets the workspace's webhook URL (owner). The first time, the answer carries the signing secret —
 * the only time it is shown; later changes keep the secret (secret: null). Audited.
 */
export const configure = workspaceProcedure("webhooks.manage")
  .input(z.object({ url: WebhookUrl, enabled: z.boolean().default(true) }))
  .mutation(async ({ ctx, input }) => {
    const key = ctx.env.encryptionKey();
    return ctx.db.$transaction((tx) => configureWebhook(tx, key, ctx.actor, ctx.workspace.workspace.id, { url: input.url, enabled: input.enabled }));
  });
