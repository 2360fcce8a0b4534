import type { ReactNode } from "react";
import { describe, matchPreviewResult, type OperationId, type PreviewResult } from "@tenantpilot/dispatch-gate/contract";
import { linkClass, outcomeTones } from "./outcome-tone";
import { operationLabel } from "./operation-words";
import { UiLink, useIsStep } from "./ui-link";

export interface ReadinessHintProps {
  preview: PreviewResult;
  operation: OperationId;
  /** Lets a start button point `aria-describedby` at the hint. */
  id?: string | undefined;
  /**
   * The page already shows this blocker once for the whole tenant (a banner with its next step):
   * the hint says "Blocked" and points there instead of repeating the sentence.
   */
  sharedBlocker?: string | undefined;
}

/**
 * What a start would answer now, shown before the click: a blocked start is visible as blocked,
 * with its next step, before anyone presses the button.
 */
export function ReadinessHint({ preview, operation, id, sharedBlocker }: ReadinessHintProps) {
  const tone = outcomeTones[preview.outcome];
  const word = describe({ preview: preview.outcome });
  const nextStepIsStep = useIsStep(preview.outcome === "blocked" ? preview.nextStep.href : "");

  const content = matchPreviewResult<ReactNode>(preview, {
    ready: ({ connection }) => (
      <>
        <Word className={tone.heading}>{word}</Word> · uses {connection.displayName}
      </>
    ),
    deduped: ({ run }) => (
      <>
        <Word className={tone.heading}>{word}</Word> ·{" "}
        <UiLink to={run.href} className={linkClass}>
          View run
        </UiLink>
      </>
    ),
    scope_busy: ({ scope, blockingRun }) => (
      <>
        <Word className={tone.heading}>{word}</Word> · {operationLabel(blockingRun.operation)} is using {scope.label} ·{" "}
        <UiLink to={blockingRun.href} className={linkClass}>
          View the {operationLabel(blockingRun.operation)} run
        </UiLink>
      </>
    ),
    blocked: ({ message, nextStep }) =>
      sharedBlocker !== undefined ? (
        <>
          <Word className={tone.heading}>{word}</Word> · {sharedBlocker}
        </>
      ) : (
        <>
          <Word className={tone.heading}>{word}:</Word> {message}
          {nextStepIsStep ? (
            <>
              {" · "}
              <UiLink to={nextStep.href} className={linkClass}>
                {nextStep.label}
              </UiLink>
            </>
          ) : null}
        </>
      ),
  });

  return (
    // No wrapping between dot and text: a long hint wraps inside its text, and the dot is centred
    // on the first line (mt-1.5 = half of text-sm's 1.25rem line minus half the dot).
    <p id={id} className="flex items-start gap-x-1.5 text-sm text-slate-700" data-readiness={preview.outcome}>
      <span aria-hidden="true" data-readiness-dot="" className={`mt-1.5 size-2 shrink-0 rounded-full ${tone.dot}`} />
      <span className="min-w-0">
        <span className="sr-only">{operationLabel(operation)}: </span>
        {content}
      </span>
    </p>
  );
}

function Word({ className, children }: { className: string; children: ReactNode }) {
  return <strong className={`font-semibold ${className}`}>{children}</strong>;
}
