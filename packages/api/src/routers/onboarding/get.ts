import { draftProcedure } from "../../authorization";
import { draftView } from "../../services/onboarding/draft-view";

/** Resumes a draft: everything the wizard shows for its current step. */
export const get = draftProcedure("onboarding.manage").query(({ ctx, input }) => draftView(ctx.db, input.draftId, ctx));
