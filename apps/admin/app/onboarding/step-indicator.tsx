import { onboardingSteps, type DraftStep } from "./onboarding-steps";

export function StepIndicator({ current }: { current: DraftStep }) {
  const currentIndex = onboardingSteps.findIndex((entry) => entry.step === current);
  return (
    <ol className="grid grid-cols-5 gap-2" aria-label="Onboarding steps">
      {onboardingSteps.map((entry, index) => {
        const state = index < currentIndex ? "done" : index === currentIndex ? "current" : "upcoming";
        return (
          <li key={entry.step} aria-current={state === "current" ? "step" : undefined} className="min-w-0">
            <div className={`h-1.5 rounded-full ${state === "upcoming" ? "bg-slate-200" : state === "current" ? "bg-sky-600" : "bg-slate-900"}`} />
            <p className={`mt-2 text-xs font-medium leading-snug ${state === "upcoming" ? "text-slate-400" : "text-slate-800"}`}>
              <span className="sr-only">{state === "done" ? "Completed: " : state === "current" ? "Current: " : "Upcoming: "}</span>
              {index + 1}. {entry.label}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
