import { tenantProcedure } from "../../authorization";
import { draftView } from "../../services/onboarding/draft-view";
import { resumeOnboarding } from "../../services/onboarding/resume";
import { refusalError } from "./step-refusal";

/**
 * The tenant's onboarding, to carry on with: its open draft, or a new one at the step the tenant's
 * state allows when it has none (the tenant stays reachable whatever happened to its wizard).
 */
export const resume = tenantProcedure("onboarding.manage").mutation(async ({ ctx }) => {
  const outcome = await ctx.db.$transaction((tx) => resumeOnboarding(tx, ctx.actor, ctx.access.tenant.id));
  if (!outcome.ok) throw refusalError(outcome);
  return draftView(ctx.db, outcome.draftId, ctx);
});
