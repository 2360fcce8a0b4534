import type { Db, PrismaClient } from "@tenantpilot/db";
import type { EncryptionKey } from "@tenantpilot/auth";
import { startOperation, type StartInput } from "@tenantpilot/dispatch-gate";
import type { StartResult } from "@tenantpilot/dispatch-gate/contract";
import type { Actor } from "@tenantpilot/dispatch-gate/contract";
import { recordAudit } from "@tenantpilot/dispatch-gate";
import { createConnection, type NewConnection } from "../connection-writes";
import { readDraft, stepGuard, type DraftData, type DraftRow, type OnboardingStep, type StepRefusal } from "./draft-data";

// The wizard's steps: details → connection → verify → first_sync → done. The details are the
// draft's first save (begin.ts): a draft exists only once they are. Data steps run in the
// caller's transaction with the draft row locked; the two start steps call the gate (which owns
// its transaction) and then move the draft on with a conditional update.

/** Adds the tenant's primary provider connection (secret sealed) and moves to verify. */
export async function saveConnection(
  db: Db,
  key: EncryptionKey,
  actor: Actor,
  draftId: string,
  connection: Omit<NewConnection, "makePrimary">,
): Promise<{ ok: true } | StepRefusal> {
  const draft = await readDraft(db, draftId, { lock: true });
  const refusal = stepGuard(draft, ["connection"]);
  if (refusal) return refusal;
  const tenantId = requireTenant(draft);
  const created = await createConnection(db, key, actor, { id: tenantId, workspaceId: draft.workspaceId }, { ...connection, makePrimary: true });
  const data: DraftData = { ...draft.data, connectionId: created.id };
  await db.onboardingDraft.update({ where: { id: draftId }, data: { step: "verify", data } });
  await recordAudit(db, {
    workspaceId: draft.workspaceId,
    tenantId,
    actor,
    action: "onboarding.connection_saved",
    targetId: draftId,
    details: { connectionId: created.id },
  });
  return { ok: true };
}

/**
 * Starts connection.check on the draft's connection through the gate. Accepted or deduped moves
 * the wizard to first_sync (whose start the gate answers from what the check learned); may be
 * repeated from first_sync after a failed check.
 */
export async function verifyConnection(prisma: PrismaClient, actor: Actor, draftId: string): Promise<{ ok: true; result: StartResult } | StepRefusal> {
  const draft = await readDraft(prisma, draftId, { lock: false });
  const allowed: OnboardingStep[] = ["verify", "first_sync"];
  const refusal = stepGuard(draft, allowed);
  if (refusal) return refusal;
  const tenantId = requireTenant(draft);
  const connectionId = draft.data.connectionId;
  if (connectionId === undefined) throw new Error(`onboarding draft ${draftId} reached verify without a connection`);

  const result = await startOperation(prisma, {
    tenantId,
    operation: "connection.check",
    target: { kind: "provider_connection", id: connectionId },
    initiator: actor,
  });
  if (result.outcome === "accepted" || result.outcome === "deduped") {
    await moveDraft(prisma, draft, allowed, "first_sync", { verifyRunId: result.run.id });
  }
  await recordAudit(prisma, {
    workspaceId: draft.workspaceId,
    tenantId,
    actor,
    action: "onboarding.verify_started",
    targetId: draftId,
    details: { outcome: result.outcome },
  });
  return { ok: true, result };
}

/**
 * Onboarding's first sync: inventory.sync through the gate, as the one start the gate lets through
 * on a tenant still onboarding. Nothing is decided here: when the connection check has not yet
 * confirmed consent, found a permission missing, or Microsoft rejected the secret, the gate answers
 * Blocked with its reason and next step, and the tenant stays onboarding. Only once the gate has
 * accepted the sync (or finds it already running) does the tenant become active and the wizard
 * move to done, together.
 */
export async function startFirstSync(prisma: PrismaClient, actor: Actor, draftId: string): Promise<{ ok: true; result: StartResult } | StepRefusal> {
  const draft = await readDraft(prisma, draftId, { lock: false });
  const refusal = stepGuard(draft, ["first_sync"]);
  if (refusal) return refusal;
  const tenantId = requireTenant(draft);

  const result = await startOperation(prisma, { ...firstSyncStart(tenantId), initiator: actor });
  await prisma.$transaction(async (tx) => {
    if (result.outcome === "accepted" || result.outcome === "deduped") {
      const activated = await tx.tenant.updateMany({ where: { id: tenantId, status: "onboarding" }, data: { status: "active" } });
      await moveDraft(tx, draft, ["first_sync"], "done", { firstSyncRunId: result.run.id });
      if (activated.count === 1) {
        await recordAudit(tx, {
          workspaceId: draft.workspaceId,
          tenantId,
          actor,
          action: "onboarding.tenant_activated",
          targetId: draftId,
          details: { runId: result.run.id },
        });
      }
    }
    await recordAudit(tx, {
      workspaceId: draft.workspaceId,
      tenantId,
      actor,
      action: "onboarding.first_sync_started",
      targetId: draftId,
      details: { outcome: result.outcome },
    });
  });
  return { ok: true, result };
}

/** The gate's question for onboarding's first sync (preview and start ask the same). */
export function firstSyncStart(tenantId: string): Pick<StartInput, "tenantId" | "operation" | "finishesOnboarding"> {
  return { tenantId, operation: "inventory.sync", finishesOnboarding: true };
}

/** Moves an open draft on unless someone else moved or closed it meanwhile. */
async function moveDraft(db: Db, draft: DraftRow, from: OnboardingStep[], to: OnboardingStep, data: DraftData): Promise<void> {
  await db.onboardingDraft.updateMany({
    where: { id: draft.id, status: "open", step: { in: from } },
    data: { step: to, data: { ...draft.data, ...data } },
  });
}

function requireTenant(draft: DraftRow): string {
  if (draft.tenantId === null) throw new Error(`onboarding draft ${draft.id} is at ${draft.step} without a tenant`);
  return draft.tenantId;
}
