import { TRPCError } from "@trpc/server";
import { rejectInput } from "../../errors";
import type { StepRefusal } from "../../services/onboarding/draft-data";

const stepWords = { details: "details", connection: "connection", verify: "verify", first_sync: "first sync", done: "done" } as const;

/** A refused wizard step as an API error: the draft's state decides, so PRECONDITION_FAILED. */
export function refusalError(refusal: StepRefusal): TRPCError {
  switch (refusal.error) {
    case "slug_taken":
      return rejectInput("tenant.slug", "is already in use");
    case "not_open":
      return new TRPCError({ code: "PRECONDITION_FAILED", message: `This onboarding is ${refusal.status}.` });
    case "wrong_step":
      return new TRPCError({ code: "PRECONDITION_FAILED", message: `This onboarding is at the ${stepWords[refusal.step]} step.` });
    case "verify_pending":
      return new TRPCError({
        code: "PRECONDITION_FAILED",
        message:
          refusal.runStatus === null
            ? "Verify the connection first."
            : `The connection check is still ${refusal.runStatus}; start the first sync once it succeeded.`,
      });
    case "verify_failed":
      return new TRPCError({ code: "PRECONDITION_FAILED", message: `The connection check failed: ${refusal.message} Fix it and verify again.` });
  }
}
