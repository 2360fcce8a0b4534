import { z } from "zod";
import { connectionProcedure } from "../../authorization";
import { rotateConnectionSecret } from "../../services/connection-writes";
import { ClientSecret, SecretExpiry } from "./connection-input";

export const rotateSecret = connectionProcedure("connections.manage")
  .input(z.object({ clientSecret: ClientSecret, secretExpiresAt: SecretExpiry.optional() }))
  .mutation(({ ctx, input }) => {
    const key = ctx.env.encryptionKey();
    return ctx.db.$transaction((tx) =>
      rotateConnectionSecret(tx, key, ctx.actor, ctx.access.tenant, input.connectionId, {
        clientSecret: input.clientSecret,
        ...(input.secretExpiresAt === undefined ? {} : { secretExpiresAt: input.secretExpiresAt }),
      }),
    );
  });
