import { useEffect, useId, useRef, type ReactNode } from "react";
import {
  describe,
  matchStartResult,
  type OperationId,
  type RunRef,
  type StartResult,
} from "@tenantpilot/dispatch-gate/contract";
import { linkClass, outcomeTones } from "./outcome-tone";
import { operationLabel, operationOnTarget } from "./operation-words";
import { ReasonExplanation } from "./reason-explanation";
import { RunStatusBadge } from "./run-status-badge";
import { UiLink } from "./ui-link";

export interface StartResultNoticeProps {
  result: StartResult;
  /** The operation that was started: a blocked start has no run to name it. */
  operation: OperationId;
  /** Operator words for the target, e.g. the tenant's display name. */
  targetLabel: string;
  /** Move focus to the notice (set it right after a start so keyboard and screen reader users land on the answer). */
  autoFocus?: boolean;
}

interface NoticeBody {
  detail: ReactNode;
  action: ReactNode;
}

/** The one presenter of a start's answer; every outcome is handled or this file does not compile. */
export function StartResultNotice({ result, operation, targetLabel, autoFocus = false }: StartResultNoticeProps) {
  const headingId = useId();
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (autoFocus) container.current?.focus();
  }, [autoFocus, result]);

  const body = matchStartResult<NoticeBody>(result, {
    accepted: ({ run, connection }) => ({
      detail: <p>Uses the provider connection {connection.displayName}.</p>,
      action: <RunLink run={run}>View run</RunLink>,
    }),
    deduped: ({ run }) => ({
      detail: (
        <p>
          The same action is already in progress: <RunStatusBadge status={run.status} />
        </p>
      ),
      action: <RunLink run={run}>View run</RunLink>,
    }),
    scope_busy: ({ scope, blockingRun }) => ({
      detail: (
        <p>
          {operationLabel(blockingRun.operation)} is using {scope.label}; try again when it finishes.
        </p>
      ),
      action: <RunLink run={blockingRun}>View the {operationLabel(blockingRun.operation)} run</RunLink>,
    }),
    blocked: ({ reason, message, nextStep }) => ({
      detail: <ReasonExplanation reason={reason} message={message} nextStep={nextStep} />,
      action: null,
    }),
  });

  const blocked = result.outcome === "blocked";
  const tone = outcomeTones[result.outcome];
  return (
    <div
      ref={container}
      tabIndex={-1}
      role={blocked ? "alert" : "status"}
      aria-live={blocked ? "assertive" : "polite"}
      aria-atomic="true"
      aria-labelledby={headingId}
      data-outcome={result.outcome}
      className={`rounded-lg border p-4 text-sm shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:ring-slate-500 ${tone.panel}`}
    >
      <h2 id={headingId} className={`flex items-center gap-2 text-base font-semibold ${tone.heading}`}>
        <span aria-hidden="true" className={`size-2 rounded-full ${tone.dot}`} />
        {describe({ outcome: result.outcome })}
      </h2>
      <p className="mt-1 font-medium">{operationOnTarget(operation, targetLabel)}</p>
      <div className="mt-2 space-y-2">
        {body.detail}
        {body.action === null ? null : <p>{body.action}</p>}
      </div>
    </div>
  );
}

function RunLink({ run, children }: { run: RunRef; children: ReactNode }) {
  return (
    <UiLink to={run.href} className={linkClass}>
      {children}
    </UiLink>
  );
}
