import type { Db } from "@tenantpilot/db";
import type { PersonActor } from "@tenantpilot/dispatch-gate/contract";
import { recordAudit } from "@tenantpilot/dispatch-gate";

/**
 * Archive (any not-archived tenant) or unarchive (back to active). Idempotent: asking for the state
 * the tenant is in changes and audits nothing. An archived tenant is blocked by the gate
 * (tenant_not_operable) and left out of the default list and of "every tenant" selections.
 */
export async function setArchived(db: Db, actor: PersonActor, tenant: { id: string; workspaceId: string }, archived: boolean) {
  const changed = await db.tenant.updateMany({
    where: archived ? { id: tenant.id, status: { not: "archived" } } : { id: tenant.id, status: "archived" },
    data: { status: archived ? "archived" : "active" },
  });
  if (changed.count > 0) {
    await recordAudit(db, {
      workspaceId: tenant.workspaceId,
      tenantId: tenant.id,
      actor,
      action: archived ? "tenant.archived" : "tenant.unarchived",
      targetId: tenant.id,
    });
  }
  const row = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { id: true, slug: true, status: true } });
  return { ...row, changed: changed.count > 0 };
}
