import { z } from "zod";
import { resolveTenantAccess, type TenantAccess } from "@tenantpilot/auth";
import { isOperationId, operationCatalog, type Capability, type OperationId, Uuid } from "@tenantpilot/dispatch-gate/contract";
import { notFound, type HiddenResource } from "../errors";
import type { Context } from "../context";
import { authedProcedure } from "./authed";
import { requireCapability } from "./capability";

// Resources addressed by their own id (a run link carries no tenant): the owning tenant is read
// first, then the caller's access to it is resolved exactly like a named tenant. A missing row,
// another workspace's row and a row of a tenant the caller is not entitled to all answer the
// same NOT_FOUND.

async function accessThrough(
  ctx: Context & { user: { id: string } },
  resource: HiddenResource,
  tenantId: string | undefined,
): Promise<TenantAccess> {
  if (tenantId === undefined) throw notFound(resource);
  const access = await resolveTenantAccess(ctx.db, { userId: ctx.user.id, tenantId });
  if (!access) throw notFound(resource);
  return access;
}

/** Input `{ connectionId }` → `ctx.access` of the connection's tenant. */
export function connectionProcedure(capability: Capability) {
  return authedProcedure.input(z.object({ connectionId: Uuid })).use(async ({ ctx, input, next }) => {
    const row = await ctx.db.providerConnection.findUnique({ where: { id: input.connectionId }, select: { tenantId: true } });
    const access = await accessThrough(ctx, "connection", row?.tenantId);
    requireCapability(access, capability);
    return next({ ctx: { access } });
  });
}

/** Input `{ backupSetId }` → `ctx.access` of the backup set's tenant. */
export function backupSetProcedure(capability: Capability) {
  return authedProcedure.input(z.object({ backupSetId: Uuid })).use(async ({ ctx, input, next }) => {
    const row = await ctx.db.backupSet.findUnique({ where: { id: input.backupSetId }, select: { tenantId: true } });
    const access = await accessThrough(ctx, "backupSet", row?.tenantId);
    requireCapability(access, capability);
    return next({ ctx: { access } });
  });
}

/** A fixed capability, or the one the catalogue requires for the run's own operation (retry). */
export type RunCapability = Capability | { ofOperation: true };

/** Input `{ runId }` → `ctx.access` of the run's tenant and `ctx.runOperation`. */
export function runProcedure(capability: RunCapability) {
  return authedProcedure.input(z.object({ runId: Uuid })).use(async ({ ctx, input, next }) => {
    const row = await ctx.db.operationRun.findUnique({ where: { id: input.runId }, select: { tenantId: true, operation: true } });
    const access = await accessThrough(ctx, "run", row?.tenantId);
    if (!row || !isOperationId(row.operation)) throw notFound("run");
    const runOperation: OperationId = row.operation;
    requireCapability(access, typeof capability === "string" ? capability : operationCatalog[runOperation].requiredCapability);
    return next({ ctx: { access, runOperation } });
  });
}
