import type { Db } from "@tenantpilot/db";

/** What onboarding needs to know of a tenant to begin, resume or refuse. */
export interface OnboardingTenant {
  id: string;
  workspace_id: string;
  status: string;
  /** When it first became active; null: never onboarded (trigger tenants_mark_onboarded). */
  onboarded_at: Date | null;
}

/** The tenant's open draft, if any (at most one: onboarding_drafts_one_open_per_tenant). */
export async function openDraftOf(db: Db, tenantId: string): Promise<string | null> {
  const draft = await db.onboardingDraft.findFirst({ where: { tenantId, status: "open" }, select: { id: true } });
  return draft?.id ?? null;
}
