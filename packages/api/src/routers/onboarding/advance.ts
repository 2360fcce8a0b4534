import { z } from "zod";
import { StartResult, Uuid } from "@tenantpilot/dispatch-gate/contract";
import { draftProcedure } from "../../authorization";
import { onboardingSteps, readDraft, type StepRefusal } from "../../services/onboarding/draft-data";
import { saveConnection, startFirstSync, verifyConnection } from "../../services/onboarding/steps";
import { ClientId, ClientSecret, DisplayName, SecretExpiry } from "../connections/connection-input";
import { refusalError } from "./step-refusal";

// The details are the draft's first save (onboarding.begin): a draft is past them.
const Step = z.discriminatedUnion("step", [
  z.object({
    step: z.literal("connection"),
    connection: z.object({
      displayName: DisplayName,
      clientId: ClientId,
      clientSecret: ClientSecret,
      secretExpiresAt: SecretExpiry.optional(),
    }),
  }),
  /** Starts connection.check through the gate. */
  z.object({ step: z.literal("verify") }),
  /** Activates the tenant and starts inventory.sync through the gate. */
  z.object({ step: z.literal("first_sync") }),
]);

/**
 * Completes the draft's current step. `start` is the gate's StartResult for verify and
 * first_sync (null for the data steps); the draft moves on only when the start was accepted or
 * deduped. Read the full draft with onboarding.get.
 */
export const advance = draftProcedure("onboarding.manage")
  .input(Step)
  .output(
    z.object({
      draft: z.object({ id: Uuid, step: z.enum(onboardingSteps), status: z.string() }),
      start: StartResult.nullable(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    let outcome: { ok: true; result?: StartResult } | StepRefusal;
    switch (input.step) {
      case "connection": {
        const key = ctx.env.encryptionKey();
        const { secretExpiresAt, ...connection } = input.connection;
        outcome = await ctx.db.$transaction((tx) =>
          saveConnection(tx, key, ctx.actor, input.draftId, { ...connection, ...(secretExpiresAt ? { secretExpiresAt } : {}) }),
        );
        break;
      }
      case "verify":
        outcome = await verifyConnection(ctx.db, ctx.actor, input.draftId);
        break;
      case "first_sync":
        outcome = await startFirstSync(ctx.db, ctx.actor, input.draftId);
        break;
    }
    if (!outcome.ok) throw refusalError(outcome);
    const draft = await readDraft(ctx.db, input.draftId, { lock: false });
    return { draft: { id: draft.id, step: draft.step, status: draft.status }, start: outcome.result ?? null };
  });
