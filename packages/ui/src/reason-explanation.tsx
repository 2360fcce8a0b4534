import { reasonCatalog, type NextStep, type ReasonCode } from "@tenantpilot/dispatch-gate/contract";
import { linkClass } from "./outcome-tone";
import { UiLink } from "./ui-link";

export interface ReasonExplanationProps {
  reason: ReasonCode;
  /** The sentence the gate (or the run) recorded; it may name specifics such as missing permissions. */
  message: string;
  nextStep: NextStep;
}

/**
 * One dominant reason and its one next step, in the same words on the start notice, the run
 * detail and notifications. An empty message falls back to the catalogue's sentence.
 */
export function ReasonExplanation({ reason, message, nextStep }: ReasonExplanationProps) {
  const sentence = message.trim() === "" ? reasonCatalog[reason].sentence : message;
  return (
    <div className="space-y-1" data-reason={reason}>
      <p>{sentence}</p>
      <p>
        <span className="opacity-80">Next step: </span>
        <UiLink to={nextStep.href} className={linkClass}>
          {nextStep.label}
        </UiLink>
      </p>
    </div>
  );
}
