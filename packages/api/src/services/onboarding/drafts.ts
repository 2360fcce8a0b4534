import type { Db } from "@tenantpilot/db";
import { cursorAfter, encodeTenantCursor, recordAudit, selectTenants, type TenantCursor, type TenantScope } from "@tenantpilot/dispatch-gate";
import type { Actor } from "@tenantpilot/dispatch-gate/contract";
import { readDraft, stepGuard, type StepRefusal } from "./draft-data";

/** Closes a draft whose first sync was started. Run inside a transaction (the draft row is locked). */
export async function completeDraft(db: Db, actor: Actor, draftId: string): Promise<{ ok: true } | StepRefusal> {
  const draft = await readDraft(db, draftId, { lock: true });
  const refusal = stepGuard(draft, ["done"]);
  if (refusal) return refusal;
  await db.onboardingDraft.update({ where: { id: draftId }, data: { status: "completed" } });
  await recordAudit(db, {
    workspaceId: draft.workspaceId,
    tenantId: draft.tenantId,
    actor,
    action: "onboarding.completed",
    targetId: draftId,
  });
  return { ok: true };
}

/**
 * Onboardings in progress, a keyset page at a time (by name): every tenant of the workspace the
 * viewer sees that has not finished onboarding, with its open draft — or none, when the tenant
 * was left onboarding without one, which onboarding.resume then gives it. A tenant the wizard
 * lost is therefore never out of reach ("Finish onboarding" leads here).
 */
export async function listOnboardings(db: Db, scope: TenantScope & { workspaceId: string }, page: { after: TenantCursor | null; limit: number }) {
  const { tenants, more } = await selectTenants(db, scope, { filter: { status: "onboarding" }, order: "name", after: page.after, limit: page.limit });
  const drafts = await db.onboardingDraft.findMany({
    where: { status: "open", tenantId: { in: tenants.map((tenant) => tenant.id) } },
    select: { id: true, tenantId: true, step: true, createdAt: true, updatedAt: true, createdBy: { select: { id: true, displayName: true } } },
  });
  const last = tenants.at(-1);
  return {
    items: tenants.map((tenant) => {
      const draft = drafts.find((candidate) => candidate.tenantId === tenant.id);
      return {
        tenant: { id: tenant.id, slug: tenant.slug, displayName: tenant.displayName },
        /** null: no wizard yet — onboarding.resume makes one at the step the tenant's state allows. */
        draft: draft ? { id: draft.id, step: draft.step, createdAt: draft.createdAt, updatedAt: draft.updatedAt, createdBy: draft.createdBy } : null,
      };
    }),
    nextCursor: more && last ? encodeTenantCursor(cursorAfter(last, "name")) : null,
  };
}

/**
 * Discards a draft. A tenant it created that never finished onboarding is archived: it cannot
 * be operated anyway, and archiving keeps its audit trail instead of deleting it.
 */
export async function cancelDraft(db: Db, actor: Actor, draftId: string): Promise<{ ok: true } | StepRefusal> {
  const draft = await readDraft(db, draftId, { lock: true });
  if (draft.status !== "open") return { ok: false, error: "not_open", status: draft.status };
  await db.onboardingDraft.update({ where: { id: draftId }, data: { status: "cancelled" } });
  if (draft.tenantId !== null) {
    await db.tenant.updateMany({ where: { id: draft.tenantId, status: "onboarding" }, data: { status: "archived" } });
  }
  await recordAudit(db, {
    workspaceId: draft.workspaceId,
    tenantId: draft.tenantId,
    actor,
    action: "onboarding.cancelled",
    targetId: draftId,
    details: { step: draft.step },
  });
  return { ok: true };
}
