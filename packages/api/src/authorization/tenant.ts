import { z } from "zod";
import { listAccessibleTenants, resolveTenantAccess, type TenantAccess, type TenantKeyRef, type TenantRef } from "@tenantpilot/auth";
import { filterKeyMax, type Capability, isUuid } from "@tenantpilot/dispatch-gate/contract";
import { notFound } from "../errors";
import { authedProcedure } from "./authed";
import { requireCapability } from "./capability";

/** A tenant's slug or id; either works wherever a tenant is named. */
export const TenantKey = z.string().trim().min(1).max(filterKeyMax);

/** A tenant as the caller named it: by id when the key is one, else by slug. */
export function tenantKeyRef(key: string): TenantKeyRef {
  return isUuid(key) ? { tenantId: key } : { tenantSlug: key.toLowerCase() };
}

export function tenantRef(userId: string, key: string): TenantRef {
  return { userId, ...tenantKeyRef(key) };
}

/**
 * The one way a tenant reaches a procedure: visible to the caller (else NOT_FOUND) and the role
 * holds `capability` (else FORBIDDEN). `readAhead`: resolveTenantAccess's answer for this very
 * ref, read earlier in the same request (start-read-ahead.ts); read now when undefined.
 */
export async function authorizeTenant(
  db: Parameters<typeof resolveTenantAccess>[0],
  ref: TenantRef,
  capability: Capability,
  readAhead?: TenantAccess | null,
): Promise<TenantAccess> {
  const access = readAhead === undefined ? await resolveTenantAccess(db, ref) : readAhead;
  if (!access) throw notFound("tenant");
  requireCapability(access, capability);
  return access;
}

/** Input `{ tenant }` (slug or id) → `ctx.access`. */
export function tenantProcedure(capability: Capability) {
  return authedProcedure.input(z.object({ tenant: TenantKey })).use(async ({ ctx, input, next }) => {
    const access = await authorizeTenant(ctx.db, tenantRef(ctx.user.id, input.tenant), capability);
    return next({ ctx: { access } });
  });
}

/**
 * Input `{ tenant? }` for lists: one tenant (checked like tenantProcedure), or every tenant the
 * caller sees whose role grants `capability` → `ctx.tenants`.
 */
export function tenantScopeProcedure(capability: Capability) {
  return authedProcedure.input(z.object({ tenant: TenantKey.optional() })).use(async ({ ctx, input, next }) => {
    let tenants: TenantAccess[];
    if (input.tenant === undefined) {
      const visible = await listAccessibleTenants(ctx.db, ctx.user.id);
      tenants = visible.filter((access) => access.capabilities.includes(capability));
    } else {
      tenants = [await authorizeTenant(ctx.db, tenantRef(ctx.user.id, input.tenant), capability)];
    }
    return next({ ctx: { tenants } });
  });
}
