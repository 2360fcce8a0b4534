import { TRPCError } from "@trpc/server";
import { describe } from "@tenantpilot/dispatch-gate/contract";
import { rejectInput } from "../../errors";
import type { StepRefusal } from "../../services/onboarding/draft-data";

/** A refused wizard step as an API error: the draft's state decides, so PRECONDITION_FAILED. */
export function refusalError(refusal: StepRefusal): TRPCError {
  switch (refusal.error) {
    case "slug_taken":
      return rejectInput("tenant.slug", "is already in use");
    case "not_open":
      return new TRPCError({ code: "PRECONDITION_FAILED", message: `This onboarding is ${refusal.status}.` });
    case "wrong_step":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `This onboarding is at the “${describe({ onboardingStep: refusal.step })}” step.`,
      });
  }
}
