import { useEffect, useId, useRef, type ReactNode } from "react";
import {
  describe,
  isActiveRunStatus,
  matchStartResult,
  runNamedByStart,
  type OperationId,
  type RunProgress,
  type RunRef,
  type StartResult,
} from "@tenantpilot/dispatch-gate/contract";
import { linkClass, outcomeTones, runStatusTones, type OutcomeTone } from "./outcome-tone";
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
  /**
   * Where the run the answer names stands now (operations.watch): the notice follows it — Queued →
   * Running → its end with the counts, or, for "already running" and "scope busy", "now free —
   * start again" once the holder has ended. Ignored when it is about another run.
   */
  followed?: RunProgress | undefined;
}

interface NoticeBody {
  detail: ReactNode;
  action: ReactNode;
}

/** Heading word and colour: the answer's, or, once its run has moved, where the run stands. */
function noticeHead(result: StartResult, followed: RunProgress | undefined): { word: string; tone: OutcomeTone } {
  if (followed === undefined) return { word: describe({ outcome: result.outcome }), tone: outcomeTones[result.outcome] };
  if (result.outcome === "accepted") return { word: describe({ runStatus: followed.status }), tone: runStatusTones[followed.status] };
  if (!isActiveRunStatus(followed.status)) return { word: describe({ holderFinished: followed.status }), tone: outcomeTones.ready };
  return { word: describe({ outcome: result.outcome }), tone: outcomeTones[result.outcome] };
}

/** The one presenter of a start's answer; every outcome is handled or this file does not compile. */
export function StartResultNotice({ result, operation, targetLabel, autoFocus = false, followed: progress }: StartResultNoticeProps) {
  const headingId = useId();
  const followed = progress !== undefined && progress.runId === runNamedByStart(result)?.id ? progress : undefined;
  const holderEnded = followed !== undefined && !isActiveRunStatus(followed.status);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (autoFocus) container.current?.focus();
  }, [autoFocus, result]);

  const body = matchStartResult<NoticeBody>(result, {
    accepted: ({ run, connection }) => ({
      detail: (
        <>
          {followed === undefined ? null : <p data-run-progress={followed.status}>{describe({ runProgress: followed })}</p>}
          <p>Uses the provider connection {connection.displayName}.</p>
        </>
      ),
      action: <RunLink run={run}>View run</RunLink>,
    }),
    deduped: ({ run }) => ({
      detail: holderEnded ? (
        <p>
          The run that was in progress has ended: <RunStatusBadge status={followed.status} />
        </p>
      ) : (
        <p>
          The same action is already in progress: <RunStatusBadge status={followed?.status ?? run.status} />
        </p>
      ),
      action: <RunLink run={run}>View run</RunLink>,
    }),
    scope_busy: ({ scope, blockingRun }) => ({
      detail: holderEnded ? (
        <p>
          {operationLabel(blockingRun.operation)} no longer holds {scope.label}: <RunStatusBadge status={followed.status} />
        </p>
      ) : (
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
  const { word, tone } = noticeHead(result, followed);
  return (
    <div
      ref={container}
      tabIndex={-1}
      role={blocked ? "alert" : "status"}
      aria-live={blocked ? "assertive" : "polite"}
      aria-atomic="true"
      aria-labelledby={headingId}
      data-outcome={result.outcome}
      data-run-status={followed?.status}
      data-holder-ended={holderEnded || undefined}
      className={`rounded-lg border p-4 text-sm shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:ring-slate-500 ${tone.panel}`}
    >
      <h2 id={headingId} className={`flex items-center gap-2 text-base font-semibold ${tone.heading}`}>
        <span aria-hidden="true" className={`size-2 rounded-full ${tone.dot}`} />
        {word}
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
