import type { Db } from "@tenantpilot/db";
import type { PersonActor } from "@tenantpilot/dispatch-gate/contract";
import { recordAudit } from "@tenantpilot/dispatch-gate";

/**
 * Archive (any not-archived tenant) or unarchive. Idempotent: asking for the state the tenant is in
 * changes and audits nothing. An archived tenant is blocked by the gate (tenant_not_operable) and
 * left out of the default list and of "every tenant" selections. Unarchiving brings a tenant back
 * to active — unless it never was (its onboarding was discarded): then back to onboarding, where
 * its connection is verified before anything runs on it.
 */
export async function setArchived(db: Db, actor: PersonActor, tenant: { id: string; workspaceId: string }, archived: boolean) {
  const changed = archived
    ? await db.$executeRaw`UPDATE tenants SET status = 'archived', updated_at = now() WHERE id = ${tenant.id}::uuid AND status <> 'archived'`
    : await db.$executeRaw`
        UPDATE tenants SET status = CASE WHEN onboarded_at IS NULL THEN 'onboarding' ELSE 'active' END, updated_at = now()
         WHERE id = ${tenant.id}::uuid AND status = 'archived'`;
  if (changed > 0) {
    await recordAudit(db, {
      workspaceId: tenant.workspaceId,
      tenantId: tenant.id,
      actor,
      action: archived ? "tenant.archived" : "tenant.unarchived",
      targetId: tenant.id,
    });
  }
  const row = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { id: true, slug: true, status: true } });
  return { ...row, changed: changed > 0 };
}
