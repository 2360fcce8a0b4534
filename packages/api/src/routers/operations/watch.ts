import { runsProcedure } from "../../authorization";
import { watchRuns } from "../../services/live/watch-runs";

/**
 * Follows runs as they move (SSE through httpSubscriptionLink): their current state first, then
 * each transition PostgreSQL announces; ends when all have ended (ADR 028).
 */
export const watch = runsProcedure("tenants.read").subscription(({ ctx, signal }) =>
  watchRuns(ctx.db, ctx.env.runTransitions, { runIds: ctx.runIds, tenantIds: ctx.tenantIds, signal }),
);
