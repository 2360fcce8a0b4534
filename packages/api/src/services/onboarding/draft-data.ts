import { z } from "zod";
import { Prisma, type Db } from "@tenantpilot/db";
import { onboardingSteps, type OnboardingStep, Uuid } from "@tenantpilot/dispatch-gate/contract";

export { onboardingSteps, type OnboardingStep };

/** What onboarding_drafts.data holds between steps (the tenant id has its own column). */
export const DraftData = z.object({
  connectionId: Uuid.optional(),
  verifyRunId: Uuid.optional(),
  firstSyncRunId: Uuid.optional(),
});
export type DraftData = z.infer<typeof DraftData>;

export interface DraftRow {
  id: string;
  workspaceId: string;
  tenantId: string | null;
  step: OnboardingStep;
  status: string;
  data: DraftData;
}

/**
 * Why a step was refused by the wizard's own state (the router turns these into
 * PRECONDITION_FAILED / BAD_REQUEST). Whether a start may proceed is never decided here: the
 * verify and first-sync steps answer with the gate's StartResult.
 */
export type StepRefusal =
  | { ok: false; error: "not_open"; status: string }
  | { ok: false; error: "wrong_step"; step: OnboardingStep }
  /** Another tenant (onboarded, or of another workspace) has the short name. */
  | { ok: false; error: "slug_taken" }
  /** The tenant with this short name is being onboarded already: resume (or discard) that draft. */
  | { ok: false; error: "onboarding_open"; draftId: string }
  /** Resume: the tenant finished onboarding. */
  | { ok: false; error: "already_onboarded" }
  /** Resume: the tenant was archived after it had been active; an owner unarchives it. */
  | { ok: false; error: "tenant_archived" };

export async function readDraft(db: Db, draftId: string, options: { lock: boolean }): Promise<DraftRow> {
  const lock = options.lock ? Prisma.sql`FOR UPDATE` : Prisma.empty;
  const [row] = await db.$queryRaw<{ id: string; workspace_id: string; tenant_id: string | null; step: string; status: string; data: unknown }[]>(
    Prisma.sql`SELECT id, workspace_id, tenant_id, step, status, data FROM onboarding_drafts WHERE id = ${draftId}::uuid ${lock}`,
  );
  if (!row) throw new Error(`onboarding draft ${draftId} vanished after authorization`);
  const step = z.enum(onboardingSteps).parse(row.step);
  const data = DraftData.safeParse(row.data);
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    tenantId: row.tenant_id,
    step,
    status: row.status,
    data: data.success ? data.data : {},
  };
}

/** Refuses a step unless the draft is open and at one of `allowed`. */
export function stepGuard(draft: DraftRow, allowed: readonly OnboardingStep[]): StepRefusal | null {
  if (draft.status !== "open") return { ok: false, error: "not_open", status: draft.status };
  if (!allowed.includes(draft.step)) return { ok: false, error: "wrong_step", step: draft.step };
  return null;
}
