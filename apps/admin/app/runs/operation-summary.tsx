import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { RunStatusBadge, TimeStamp } from "@tenantpilot/ui";
import type { ApiOutputs } from "../live/trpc";
import { buttonClass } from "../shell/page";
import { LiveRunStatus } from "./live-run-status";
import { ReasonBox } from "./reason-box";

type Summary = ApiOutputs["operations"]["summary"];
type LastRun = NonNullable<Summary["last"]>;

/**
 * A tenant page's account of one of its operations (`operations.summary`): the last finished run —
 * status, when, what it found, why it failed — and the run in progress, followed live.
 */
export function OperationSummary({
  summary,
  never,
  facts,
  children,
}: {
  summary: Summary;
  /** Shown when the operation never finished on this tenant. */
  never: ReactNode;
  /** What the last run found, after its time. */
  facts?: (last: LastRun) => ReactNode;
  /** More about the last run, below its reason. */
  children?: (last: LastRun) => ReactNode;
}) {
  const { last, active } = summary;
  return (
    <>
      {last === null ? (
        never
      ) : (
        <div className="space-y-4 text-sm" data-last-sync={last.run.status}>
          <p className="flex flex-wrap items-center gap-2 text-slate-700">
            <RunStatusBadge status={last.run.status} />
            <span>
              <TimeStamp value={last.run.finishedAt ?? last.run.createdAt} />
              {facts ? <> · {facts(last)}</> : null}
            </span>
            <Link to={last.run.href} className={buttonClass.link}>
              View run
            </Link>
          </p>
          {last.reason ? <ReasonBox reason={last.reason} /> : null}
          {children?.(last)}
        </div>
      )}
      {active ? (
        <div className="mt-4 rounded-lg border border-sky-200 bg-sky-50/60 p-4">
          <p className="mb-2 text-xs font-medium uppercase tracking-wide text-sky-800">In progress</p>
          <LiveRunStatus initial={active} />
        </div>
      ) : null}
    </>
  );
}
