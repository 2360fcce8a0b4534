// Type test, checked by `tsc -p packages/dispatch-gate` (part of `npm test`): exhaustiveness is a type property.
import { assertNever, matchPreviewResult, matchStartResult, type PreviewResult, type StartResult } from "../src/contract";

declare const result: StartResult;
declare const preview: PreviewResult;

// All four handlers: compiles, and each handler sees its own narrowed variant.
export const words: string = matchStartResult(result, {
  accepted: (r) => r.connection.displayName,
  deduped: (r) => r.run.href,
  scope_busy: (r) => r.scope.label + r.blockingRun.id,
  blocked: (r) => r.nextStep.href + r.reason,
});

export const missingScopeBusy = matchStartResult(
  result,
  // @ts-expect-error scope_busy is missing: leaving an outcome out must fail tsc.
  {
    accepted: () => 1,
    deduped: () => 2,
    blocked: () => 4,
  },
);

export const missingAccepted = matchStartResult(
  result,
  // @ts-expect-error accepted is missing.
  { deduped: () => 2, scope_busy: () => 3, blocked: () => 4 },
);

export const wrongNarrowing = matchStartResult(result, {
  // @ts-expect-error a deduped result has no connection.
  deduped: (r) => r.connection,
  accepted: () => 1,
  scope_busy: () => 3,
  blocked: () => 4,
});

export const previewMissingReady = matchPreviewResult(
  preview,
  // @ts-expect-error ready is missing.
  { deduped: () => 2, scope_busy: () => 3, blocked: () => 4 },
);

export function exhaustiveSwitch(r: StartResult): string {
  switch (r.outcome) {
    case "accepted":
    case "deduped":
    case "scope_busy":
      return r.outcome;
    default:
      // @ts-expect-error without the "blocked" case, r is not never.
      return assertNever(r);
  }
}
