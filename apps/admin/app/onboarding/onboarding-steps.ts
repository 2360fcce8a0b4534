import type { ApiOutputs } from "../live/trpc";

export type DraftView = ApiOutputs["onboarding"]["get"];
export type DraftStep = DraftView["step"];

/** The wizard's steps in order, in operator words. */
export const onboardingSteps: { step: DraftStep; label: string }[] = [
  { step: "details", label: "Tenant details" },
  { step: "connection", label: "Connection and consent" },
  { step: "verify", label: "Verify" },
  { step: "first_sync", label: "First sync" },
  { step: "done", label: "Done" },
];

export function stepLabel(step: string): string {
  return onboardingSteps.find((entry) => entry.step === step)?.label ?? step;
}
