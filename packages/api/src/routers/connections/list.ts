import { tenantScopeProcedure } from "../../authorization";
import { connectionViewSelect, toConnectionView } from "../../services/connection-view";

/** Connections of one tenant (`tenant`) or of every tenant the caller sees. */
export const list = tenantScopeProcedure("tenants.read").query(async ({ ctx }) => {
  const rows = await ctx.db.providerConnection.findMany({
    where: { tenantId: { in: ctx.tenants.map((access) => access.tenant.id) } },
    select: { ...connectionViewSelect, tenant: { select: { id: true, slug: true, displayName: true } } },
    orderBy: [{ tenant: { displayName: "asc" } }, { isPrimary: "desc" }, { createdAt: "asc" }],
  });
  return rows.map((row) => ({ ...toConnectionView(row), tenant: row.tenant }));
});
