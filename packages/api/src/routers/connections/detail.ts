import { connectionProcedure } from "../../authorization";
import { connectionViewSelect, toConnectionView } from "../../services/connection-view";
import { connectionStandings } from "../../services/connection-verdicts";
import { runListSelect, toRunListItem } from "../../services/run-list-item";

const RECENT_CHECKS = 5;

export const detail = connectionProcedure("tenants.read").query(async ({ ctx, input }) => {
  const [row, checks, standings] = await Promise.all([
    ctx.db.providerConnection.findUniqueOrThrow({ where: { id: input.connectionId }, select: connectionViewSelect }),
    ctx.db.operationRun.findMany({
      where: { tenantId: ctx.access.tenant.id, operation: "connection.check", targetKind: "provider_connection", targetId: input.connectionId },
      select: runListSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_CHECKS,
    }),
    connectionStandings(ctx.db, [{ id: input.connectionId, tenantSlug: ctx.access.tenant.slug }]),
  ]);
  const { tenant } = ctx.access;
  return {
    connection: toConnectionView(row),
    tenant: { id: tenant.id, slug: tenant.slug, displayName: tenant.displayName, microsoftTenantId: tenant.microsoftTenantId },
    recentChecks: checks.map(toRunListItem),
    standing: standings.get(input.connectionId) ?? null,
  };
});
