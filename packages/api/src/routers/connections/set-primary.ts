import { connectionProcedure } from "../../authorization";
import { setPrimaryConnection } from "../../services/connection-writes";

export const setPrimary = connectionProcedure("connections.manage").mutation(({ ctx, input }) =>
  ctx.db.$transaction((tx) => setPrimaryConnection(tx, ctx.actor, ctx.access.tenant, input.connectionId)),
);
