import { tenantScopeProcedure } from "../../authorization";
import { connectionViewSelect, toConnectionView } from "../../services/connection-view";
import { connectionStandings } from "../../services/connection-verdicts";

/**
 * Connections of one tenant (`tenant`) or of every tenant the caller sees, each with what it
 * blocks now and why (the gate's connection rules, the provider's last word included).
 */
export const list = tenantScopeProcedure("tenants.read").query(async ({ ctx }) => {
  const rows = await ctx.db.providerConnection.findMany({
    where: { tenantId: { in: ctx.tenants.map((access) => access.tenant.id) } },
    select: { ...connectionViewSelect, tenant: { select: { id: true, slug: true, displayName: true } } },
    orderBy: [{ tenant: { displayName: "asc" } }, { isPrimary: "desc" }, { createdAt: "asc" }],
  });
  const standings = await connectionStandings(ctx.db, rows.map((row) => ({ id: row.id, tenantSlug: row.tenant.slug })));
  return rows.map((row) => ({ ...toConnectionView(row), tenant: row.tenant, standing: standings.get(row.id) ?? null }));
});
