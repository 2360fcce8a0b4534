import type { Db } from "@tenantpilot/db";
import type { Actor, PersonActor } from "@tenantpilot/dispatch-gate/contract";
import { recordAudit } from "@tenantpilot/dispatch-gate";
import { readDraft, stepGuard, type StepRefusal } from "./draft-data";

export async function createDraft(db: Db, actor: PersonActor, workspaceId: string): Promise<string> {
  const draft = await db.onboardingDraft.create({ data: { workspaceId, createdByUserId: actor.userId }, select: { id: true } });
  await recordAudit(db, {
    workspaceId,
    tenantId: null,
    actor,
    action: "onboarding.started",
    targetId: draft.id,
  });
  return draft.id;
}

/** Open drafts of a workspace, newest first: what "resume onboarding" offers. */
export function listOpenDrafts(db: Db, workspaceId: string) {
  return db.onboardingDraft.findMany({
    where: { workspaceId, status: "open" },
    select: {
      id: true,
      step: true,
      createdAt: true,
      updatedAt: true,
      tenant: { select: { id: true, slug: true, displayName: true } },
      createdBy: { select: { id: true, displayName: true } },
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
  });
}

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
 * Abandons a draft. A tenant it created that never finished onboarding is archived: it cannot
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
