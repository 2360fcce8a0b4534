import { z } from "zod";
import { connectionProcedure } from "../../authorization";
import { updateConnection } from "../../services/connection-writes";
import { ClientId, DisplayName } from "./connection-input";

/** Rename, or point at another app registration (which clears secret and consent, and bumps the identity version). */
export const update = connectionProcedure("connections.manage")
  .input(
    z
      .object({ displayName: DisplayName.optional(), clientId: ClientId.optional() })
      .refine((changes) => changes.displayName !== undefined || changes.clientId !== undefined, "nothing to change"),
  )
  .mutation(({ ctx, input }) =>
    ctx.db.$transaction((tx) =>
      updateConnection(tx, ctx.actor, ctx.access.tenant, input.connectionId, {
        ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
        ...(input.clientId === undefined ? {} : { clientId: input.clientId }),
      }),
    ),
  );
