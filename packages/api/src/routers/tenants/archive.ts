import { tenantProcedure } from "../../authorization";
import { setArchived } from "../../services/tenants/tenant-archive";

/** Archive a tenant (owner): its starts are blocked, it leaves the default list and "every tenant" selections. Audited. */
export const archive = tenantProcedure("tenants.archive").mutation(({ ctx }) =>
  ctx.db.$transaction((tx) => setArchived(tx, ctx.actor, ctx.access.tenant, true)),
);
