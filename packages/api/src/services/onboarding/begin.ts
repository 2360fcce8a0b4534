import type { Db } from "@tenantpilot/db";
import type { PersonActor } from "@tenantpilot/dispatch-gate/contract";
import { recordAudit } from "@tenantpilot/dispatch-gate";
import type { StepRefusal } from "./draft-data";
import { openDraftOf, type OnboardingTenant } from "./onboarding-tenant";

export interface TenantDetails {
  displayName: string;
  slug: string;
  microsoftTenantId: string;
}

/**
 * The wizard's first save: the tenant's details, and with them the draft (ADR 024) — nothing is
 * written by opening the wizard. A short name nobody has becomes a new tenant (status onboarding).
 * A short name of this workspace's tenant that was never active — still onboarding without a
 * draft (its wizard was lost), or archived when its onboarding was discarded — is onboarded again:
 * the tenant takes the details entered now and gets a new draft. A tenant with an open draft is
 * resumed from that draft instead; anything else keeps its name ("is already in use").
 * Run inside a transaction: the tenant row is locked, so two first saves of one name serialise.
 */
export async function beginOnboarding(
  db: Db,
  actor: PersonActor,
  workspaceId: string,
  details: TenantDetails,
): Promise<{ ok: true; draftId: string; onboardedAgain: boolean } | StepRefusal> {
  // ON CONFLICT keeps a taken slug an answer instead of an error that aborts the transaction.
  const [created] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO tenants (workspace_id, slug, display_name, microsoft_tenant_id, status)
    VALUES (${workspaceId}::uuid, ${details.slug}, ${details.displayName}, ${details.microsoftTenantId}::uuid, 'onboarding')
    ON CONFLICT (slug) DO NOTHING
    RETURNING id`;
  let tenantId = created?.id;
  const onboardedAgain = tenantId === undefined;
  if (tenantId === undefined) {
    const [existing] = await db.$queryRaw<OnboardingTenant[]>`
      SELECT id, workspace_id, status, onboarded_at FROM tenants WHERE slug = ${details.slug} FOR UPDATE`;
    if (!existing || existing.workspace_id !== workspaceId || existing.onboarded_at !== null) return { ok: false, error: "slug_taken" };
    const open = await openDraftOf(db, existing.id);
    if (open !== null) return { ok: false, error: "onboarding_open", draftId: open };
    await db.$executeRaw`
      UPDATE tenants SET display_name = ${details.displayName}, microsoft_tenant_id = ${details.microsoftTenantId}::uuid,
                         status = 'onboarding', updated_at = now()
       WHERE id = ${existing.id}::uuid`;
    tenantId = existing.id;
  }
  const draft = await db.onboardingDraft.create({
    data: { workspaceId, createdByUserId: actor.userId, tenantId, step: "connection" },
    select: { id: true },
  });
  const common = { workspaceId, tenantId, actor, targetId: draft.id } as const;
  await recordAudit(db, { ...common, action: "onboarding.started" });
  await recordAudit(db, { ...common, action: "onboarding.details_saved", details: { slug: details.slug } });
  return { ok: true, draftId: draft.id, onboardedAgain };
}
