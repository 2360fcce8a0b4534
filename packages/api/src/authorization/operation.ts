import { z } from "zod";
import { OperationIdSchema, operationCatalog } from "@tenantpilot/dispatch-gate/contract";
import { authedProcedure } from "./authed";
import { readAheadAccess } from "../start-read-ahead";
import { authorizeTenant, TenantKey, tenantRef } from "./tenant";

/**
 * Input `{ tenant, operation }`: the tenant as in tenantProcedure, and the capability the
 * catalogue requires for that operation (a restore needs operations.restore). Unknown operation
 * ids fail the enum (BAD_REQUEST) before anything is read.
 */
export const operationProcedure = authedProcedure
  .input(z.object({ tenant: TenantKey, operation: OperationIdSchema }))
  .use(async ({ ctx, input, next }) => {
    const capability = operationCatalog[input.operation].requiredCapability;
    const ref = tenantRef(ctx.user.id, input.tenant);
    const access = await authorizeTenant(ctx.db, ref, capability, readAheadAccess(ctx.startReadAhead, ref));
    return next({ ctx: { access } });
  });
