import type { Db } from "@tenantpilot/db";
import type { PersonActor } from "@tenantpilot/dispatch-gate/contract";
import { recordAudit } from "@tenantpilot/dispatch-gate";
import type { DraftData, OnboardingStep, StepRefusal } from "./draft-data";
import { openDraftOf, type OnboardingTenant } from "./onboarding-tenant";

/**
 * Resumes a tenant's onboarding: its open draft, or — when it has none (a tenant left onboarding
 * without its wizard, like the demo's Woodgrove, or one whose onboarding was discarded) — a new
 * draft at the step its state allows: verify when it has a usable primary connection, else the
 * connection step. Run inside a transaction: the tenant row is locked and the partial unique
 * index onboarding_drafts_one_open_per_tenant backs "one open draft per tenant", so concurrent
 * resumes all answer the same draft.
 */
export async function resumeOnboarding(db: Db, actor: PersonActor, tenantId: string): Promise<{ ok: true; draftId: string; created: boolean } | StepRefusal> {
  const [tenant] = await db.$queryRaw<OnboardingTenant[]>`
    SELECT id, workspace_id, status, onboarded_at FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
  if (!tenant) throw new Error(`tenant ${tenantId} vanished after authorization`);
  if (tenant.onboarded_at !== null) return { ok: false, error: tenant.status === "archived" ? "tenant_archived" : "already_onboarded" };
  const open = await openDraftOf(db, tenant.id);
  if (open !== null) return { ok: true, draftId: open, created: false };

  const primary = await db.providerConnection.findFirst({
    where: { tenantId: tenant.id, isPrimary: true, enabled: true, clientSecretEncrypted: { not: null } },
    select: { id: true },
  });
  const step: OnboardingStep = primary ? "verify" : "connection";
  const data: DraftData = primary ? { connectionId: primary.id } : {};
  if (tenant.status === "archived") {
    // A discarded onboarding taken up again: the tenant is onboarding once more, not archived.
    await db.tenant.update({ where: { id: tenant.id }, data: { status: "onboarding" } });
  }
  const draft = await db.onboardingDraft.create({
    data: { workspaceId: tenant.workspace_id, createdByUserId: actor.userId, tenantId: tenant.id, step, data },
    select: { id: true },
  });
  await recordAudit(db, {
    workspaceId: tenant.workspace_id,
    tenantId: tenant.id,
    actor,
    action: "onboarding.resumed",
    targetId: draft.id,
    details: { step },
  });
  return { ok: true, draftId: draft.id, created: true };
}
