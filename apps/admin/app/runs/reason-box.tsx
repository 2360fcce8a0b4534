import { ReasonExplanation } from "@tenantpilot/ui";
import type { ApiOutputs } from "../live/trpc";

type RunReason = NonNullable<ApiOutputs["operations"]["detail"]["reason"]>;

/** Why a run failed, in the shared words, with its next step. */
export function ReasonBox({ reason }: { reason: RunReason }) {
  return (
    <div className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-950">
      <ReasonExplanation reason={reason.code} message={reason.message} nextStep={reason.nextStep} />
    </div>
  );
}
