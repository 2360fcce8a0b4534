import { draftProcedure } from "../../authorization";
import { completeDraft } from "../../services/onboarding/drafts";
import { draftView } from "../../services/onboarding/draft-view";
import { refusalError } from "./step-refusal";

export const complete = draftProcedure("onboarding.manage").mutation(async ({ ctx, input }) => {
  const outcome = await ctx.db.$transaction((tx) => completeDraft(tx, ctx.actor, input.draftId));
  if (!outcome.ok) throw refusalError(outcome);
  return draftView(ctx.db, input.draftId, ctx);
});
