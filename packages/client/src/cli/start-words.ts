import {
  describe,
  matchPreviewResult,
  matchStartResult,
  operationCatalog,
  type NextStep,
  type PreviewResult,
  type RunRef,
  type StartResult,
} from "@tenantpilot/dispatch-gate/contract";

// The terminal rendering of the gate's answers, in the same words every surface uses (the
// contract's describe: outcome words, the reason's sentence and its next step). Links become
// absolute URLs.

export function describeStart(result: StartResult, baseUrl: string): string {
  return matchStartResult(result, {
    accepted: ({ run, connection }) =>
      lines(
        `${describe({ outcome: "accepted" })}: ${label(run)} — run ${run.id}`,
        `  bound to ${connection.displayName} (client ${connection.clientId}, identity v${connection.identityVersion})`,
        `  ${link(baseUrl, run.href)}`,
      ),
    deduped: ({ run }) =>
      lines(`${describe({ outcome: "deduped" })}: ${label(run)} — run ${run.id} is ${describe({ runStatus: run.status }).toLowerCase()}`, `  ${link(baseUrl, run.href)}`),
    scope_busy: ({ scope, blockingRun }) =>
      lines(
        `${describe({ outcome: "scope_busy" })}: ${scope.label} is held by ${label(blockingRun)} — run ${blockingRun.id} is ${describe({ runStatus: blockingRun.status }).toLowerCase()}.`,
        "  Try again when it finishes.",
        `  ${link(baseUrl, blockingRun.href)}`,
      ),
    blocked: ({ message, nextStep }) => lines(`${describe({ outcome: "blocked" })}: ${message}`, nextStepLine(nextStep, baseUrl)),
  });
}

export function describePreview(result: PreviewResult, baseUrl: string): string {
  return matchPreviewResult(result, {
    ready: ({ connection }) => lines(`${describe({ preview: "ready" })}: would run with ${connection.displayName} (identity v${connection.identityVersion})`),
    deduped: (deduped) => describeStart(deduped, baseUrl),
    scope_busy: (busy) => describeStart(busy, baseUrl),
    blocked: (blocked) => describeStart(blocked, baseUrl),
  });
}

/** "Ready" or the blocking words, for one line in a table. */
export function readinessWords(result: PreviewResult): string {
  return matchPreviewResult(result, {
    ready: () => describe({ preview: "ready" }),
    deduped: ({ run }) => `${describe({ preview: "deduped" })} (${label(run)})`,
    scope_busy: ({ scope }) => `${describe({ preview: "scope_busy" })} (${scope.label})`,
    blocked: ({ message }) => `${describe({ preview: "blocked" })}: ${message}`,
  });
}

export function nextStepLine(nextStep: NextStep, baseUrl: string): string {
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
