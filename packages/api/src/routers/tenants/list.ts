import { listAccessibleTenants } from "@tenantpilot/auth";
import { authedProcedure } from "../../authorization";
import { listTenantsWithReadiness } from "../../services/tenant-views";

/** Every tenant the caller sees, each with its readiness in the gate's words. */
export const list = authedProcedure.query(async ({ ctx }) => {
  const tenants = await listAccessibleTenants(ctx.db, ctx.user.id);
  return listTenantsWithReadiness(ctx.db, tenants.filter((access) => access.capabilities.includes("tenants.read")));
});
