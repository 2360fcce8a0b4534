import { TRPCError } from "@trpc/server";
import { workspaceProcedure } from "../../authorization";
import { rotateWebhookSecret } from "../../services/webhooks/webhook-config";

/** A new signing secret for the workspace's webhook (owner), shown once. Audited. */
export const rotateSecret = workspaceProcedure("webhooks.manage").mutation(async ({ ctx }) => {
  const key = ctx.env.encryptionKey();
  const secret = await ctx.db.$transaction((tx) => rotateWebhookSecret(tx, key, ctx.actor, ctx.workspace.workspace.id));
  if (secret === null) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "This workspace has no webhook." });
  return { secret };
});
