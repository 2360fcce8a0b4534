import { z } from "zod";
import { tenantProcedure } from "../../authorization";
import { createConnection } from "../../services/connection-writes";
import { ClientId, ClientSecret, DisplayName, SecretExpiry } from "./connection-input";

export const create = tenantProcedure("connections.manage")
  .input(
    z.object({
      displayName: DisplayName,
      clientId: ClientId,
      clientSecret: ClientSecret.optional(),
      secretExpiresAt: SecretExpiry.optional(),
      makePrimary: z.boolean().optional(),
    }),
  )
  .mutation(({ ctx, input }) => {
    const key = ctx.env.encryptionKey();
    const { tenant } = ctx.access;
    return ctx.db.$transaction((tx) =>
      createConnection(tx, key, ctx.actor, tenant, {
        displayName: input.displayName,
        clientId: input.clientId,
        ...(input.clientSecret === undefined ? {} : { clientSecret: input.clientSecret }),
        ...(input.secretExpiresAt === undefined ? {} : { secretExpiresAt: input.secretExpiresAt }),
        ...(input.makePrimary === undefined ? {} : { makePrimary: input.makePrimary }),
      }),
    );
  });
