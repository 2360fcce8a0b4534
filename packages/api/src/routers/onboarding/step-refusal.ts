import { TRPCError } from "@trpc/server";
import { describe } from "@tenantpilot/dispatch-gate/contract";
import { rejectInput } from "../../errors";
import type { StepRefusal } from "../../services/onboarding/draft-data";

/** A refused wizard step as an API error: the draft's state decides, so PRECONDITION_FAILED. */
export function refusalError(refusal: StepRefusal): TRPCError {
  switch (refusal.error) {
    case "slug_taken":
      return rejectInput("tenant.slug", "is already in use");
    case "onboarding_open":
      return rejectInput("tenant.slug", "is being onboarded already: resume or discard that onboarding (Onboarding lists it)");
    case "already_onboarded":
      return new TRPCError({ code: "PRECONDITION_FAILED", message: "This tenant has finished onboarding." });
    case "tenant_archived":
      return new TRPCError({ code: "PRECONDITION_FAILED", message: "This tenant is archived: an owner unarchives it first." });
    case "not_open":
      return new TRPCError({ code: "PRECONDITION_FAILED", message: `This onboarding is ${refusal.status}.` });
    case "wrong_step":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `This onboarding is at the “${describe({ onboardingStep: refusal.step })}” step.`,
      });
  }
}
