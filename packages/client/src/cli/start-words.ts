import {
  matchPreviewResult,
  matchStartResult,
  operationCatalog,
  outcomeWords,
  previewOutcomeWords,
  type NextStep,
  type PreviewResult,
  type RunRef,
  type StartResult,
} from "@tenantpilot/dispatch-gate/contract";

// The terminal rendering of the gate's answers, in the same words every surface uses
// (outcomeWords, the reason's sentence and its next step). Links become absolute URLs.

export function describeStart(result: StartResult, baseUrl: string): string {
  return matchStartResult(result, {
    accepted: ({ run, connection }) =>
      lines(
        `${outcomeWords.accepted}: ${label(run)} — run ${run.id}`,
        `  bound to ${connection.displayName} (client ${connection.clientId}, identity v${connection.identityVersion})`,
        `  ${link(baseUrl, run.href)}`,
      ),
    deduped: ({ run }) =>
      lines(`${outcomeWords.deduped}: ${label(run)} — run ${run.id} is ${run.status}`, `  ${link(baseUrl, run.href)}`),
    scope_busy: ({ scope, blockingRun }) =>
      lines(
        `${outcomeWords.scope_busy}: ${scope.label} is held by ${label(blockingRun)} — run ${blockingRun.id} is ${blockingRun.status}.`,
        "  Try again when it finishes.",
        `  ${link(baseUrl, blockingRun.href)}`,
      ),
    blocked: ({ message, nextStep }) => lines(`${outcomeWords.blocked}: ${message}`, nextStepLine(nextStep, baseUrl)),
  });
}

export function describePreview(result: PreviewResult, baseUrl: string): string {
  return matchPreviewResult(result, {
    ready: ({ connection }) => lines(`${previewOutcomeWords.ready}: would run with ${connection.displayName} (identity v${connection.identityVersion})`),
    deduped: (deduped) => describeStart(deduped, baseUrl),
    scope_busy: (busy) => describeStart(busy, baseUrl),
    blocked: (blocked) => describeStart(blocked, baseUrl),
  });
}

/** "Ready" or the blocking words, for one line in a table. */
export function readinessWords(result: PreviewResult): string {
  return matchPreviewResult(result, {
    ready: () => previewOutcomeWords.ready,
    deduped: ({ run }) => `${previewOutcomeWords.deduped} (${label(run)})`,
    scope_busy: ({ scope }) => `${previewOutcomeWords.scope_busy} (${scope.label})`,
    blocked: ({ message }) => `${previewOutcomeWords.blocked}: ${message}`,
  });
}

function nextStepLine(nextStep: NextStep, baseUrl: string): string {
  return `  Next step: ${nextStep.label} → ${link(baseUrl, nextStep.href)}`;
}

export function label(run: Pick<RunRef, "operation">): string {
  return operationCatalog[run.operation].label;
}

export function link(baseUrl: string, href: string): string {
  return new URL(href, baseUrl).toString();
}

function lines(...parts: string[]): string {
  return `${parts.join("\n")}\n`;
}
