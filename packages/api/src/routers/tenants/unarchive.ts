import { tenantProcedure } from "../../authorization";
import { setArchived } from "../../services/tenants/tenant-archive";

/** Bring an archived tenant back (owner): active again, or onboarding when it never finished onboarding. Audited. */
export const unarchive = tenantProcedure("tenants.archive").mutation(({ ctx }) =>
  ctx.db.$transaction((tx) => setArchived(tx, ctx.actor, ctx.access.tenant, false)),
);
