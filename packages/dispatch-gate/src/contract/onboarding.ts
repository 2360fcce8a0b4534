/** The onboarding wizard's steps, in order (onboarding_drafts.step; a CHECK enforces the same list). */
export const onboardingSteps = ["details", "connection", "verify", "first_sync", "done"] as const;
export type OnboardingStep = (typeof onboardingSteps)[number];
