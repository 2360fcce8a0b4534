// Type-level proof, checked by `tsc -p packages/ui/tsconfig.json`: a surface cannot render a start
// result without handling all four outcomes, and the notice accepts exactly the contract's results.
import type { ReactNode } from "react";
import { matchStartResult, type PreviewResult, type StartResult, type StartResultHandlers } from "@tenantpilot/dispatch-gate/contract";
import { StartResultNotice } from "../src";

declare const result: StartResult;
declare const preview: PreviewResult;

// The notice's own rendering: all four handlers compile.
export const complete: StartResultHandlers<ReactNode> = {
  accepted: (r) => r.run.href,
  deduped: (r) => r.run.href,
  scope_busy: (r) => r.blockingRun.href,
  blocked: (r) => r.nextStep.href,
};

// @ts-expect-error a handler object missing scope_busy is not a StartResultHandlers.
export const missingScopeBusy: StartResultHandlers<ReactNode> = {
  accepted: () => "Queued",
  deduped: () => "Already running",
  blocked: () => "Blocked",
};

export const rendered = matchStartResult<ReactNode>(
  result,
  // @ts-expect-error leaving blocked out fails at the call site too.
  { accepted: () => null, deduped: () => null, scope_busy: () => null },
);

export const notice = <StartResultNotice result={result} operation="inventory.sync" targetLabel="Contoso" />;

// @ts-expect-error a preview ("ready") is not a start result: the notice only shows what a start answered.
export const previewAsResult = <StartResultNotice result={preview} operation="inventory.sync" targetLabel="Contoso" />;

export const unknownOutcome = (
  <StartResultNotice
    // @ts-expect-error there is no fifth outcome.
    result={{ outcome: "failed" }}
    operation="inventory.sync"
    targetLabel="Contoso"
  />
);

// @ts-expect-error the operation must be one of the catalogue's.
export const unknownOperation = <StartResultNotice result={result} operation="tenant.delete" targetLabel="Contoso" />;
