import { workspaceProcedure } from "../../authorization";
import { createDraft } from "../../services/onboarding/drafts";
import { draftView } from "../../services/onboarding/draft-view";

export const create = workspaceProcedure("onboarding.manage").mutation(async ({ ctx }) => {
  const draftId = await ctx.db.$transaction((tx) => createDraft(tx, ctx.actor, ctx.workspace.workspace.id));
  return draftView(ctx.db, draftId);
});
