import { describe, onboardingSteps as steps, type OnboardingStep } from "@tenantpilot/dispatch-gate/contract";

export type DraftStep = OnboardingStep;

/** The wizard's steps in order, in the catalogue's words. */
export const onboardingSteps: { step: DraftStep; label: string }[] = steps.map((step) => ({ step, label: describe({ onboardingStep: step }) }));

export function stepLabel(step: string): string {
  return onboardingSteps.find((entry) => entry.step === step)?.label ?? step;
}
