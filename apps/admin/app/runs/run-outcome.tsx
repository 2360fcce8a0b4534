import { ReasonExplanation } from "@tenantpilot/ui";
import { describe, type RunStatus } from "@tenantpilot/dispatch-gate/contract";
import { PermissionList } from "../connections/permission-list";
import type { ApiOutputs } from "../live/trpc";

export type RunDetail = ApiOutputs["operations"]["detail"];

const panelTone: Record<RunStatus, string> = {
  queued: "border-slate-200 bg-white",
  running: "border-sky-200 bg-sky-50/70",
  succeeded: "border-emerald-200 bg-emerald-50/70",
  partially_succeeded: "border-amber-200 bg-amber-50/70",
  failed: "border-rose-200 bg-rose-50/70",
  cancelled: "border-zinc-200 bg-zinc-50",
};

/** The outcome in words first: status, what it means, and the dominant reason with its next step. */
export function RunOutcome({ detail }: { detail: RunDetail }) {
  const { run, reason } = detail;
  return (
    <section aria-labelledby="outcome-heading" className={`rounded-xl border p-5 shadow-sm ${panelTone[run.status]}`} data-run-status={run.status}>
      <h2 id="outcome-heading" className="text-lg font-semibold text-slate-900">
        {describe({ runStatus: run.status })}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{describe({ runProgress: { status: run.status, counts: detail.counts } })}</p>
      {reason ? (
        <div className="mt-4 rounded-lg border border-black/5 bg-white/70 p-4 text-sm text-slate-800">
          <ReasonExplanation reason={reason.code} message={reason.message} nextStep={reason.nextStep} />
          {reason.missingPermissions.length > 0 ? (
            <div className="mt-3">
              <p className="text-xs font-medium text-slate-500">Missing Microsoft Graph permissions</p>
              <PermissionList permissions={reason.missingPermissions} label="Missing Microsoft Graph permissions" missing />
            </div>
          ) : null}
          {reason.detail ? <p className="mt-2 text-xs text-slate-500">Provider detail: {reason.detail}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
