import { tenantProcedure } from "../../authorization";
import { tenantDetail } from "../../services/tenant-views";

export const detail = tenantProcedure("tenants.read").query(({ ctx }) => tenantDetail(ctx.db, ctx.access));
