import type { NextStep, ReasonCode } from "@tenantpilot/dispatch-gate/contract";
import { linkClass } from "./outcome-tone";
import { UiLink, useIsStep } from "./ui-link";

export interface ReasonExplanationProps {
  reason: ReasonCode;
  /** The reason's words from the gate's describe (they may name specifics such as missing permissions). */
  message: string;
  nextStep: NextStep;
}

/**
 * One dominant reason and its one next step, in the same words on the start notice, the run
 * detail and notifications. The words come from the one describe function; this only lays them out.
 */
export function ReasonExplanation({ reason, message, nextStep }: ReasonExplanationProps) {
  const isStep = useIsStep(nextStep.href);
  return (
    <div className="space-y-1" data-reason={reason}>
      <p>{message}</p>
      {isStep ? (
        <p>
          <span className="opacity-80">Next step: </span>
          <UiLink to={nextStep.href} className={linkClass}>
            {nextStep.label}
          </UiLink>
        </p>
      ) : null}
    </div>
  );
}
