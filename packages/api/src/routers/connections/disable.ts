import { connectionProcedure } from "../../authorization";
import { disableConnection } from "../../services/connection-writes";

export const disable = connectionProcedure("connections.manage").mutation(({ ctx, input }) =>
  ctx.db.$transaction((tx) => disableConnection(tx, ctx.actor, ctx.access.tenant, input.connectionId)),
);
