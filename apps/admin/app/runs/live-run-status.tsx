import { useEffect, useRef } from "react";
import { useRevalidator } from "@remix-run/react";
import { isActiveRunStatus } from "@tenantpilot/dispatch-gate/contract";
import { RunStatusBadge } from "@tenantpilot/ui";
import { trpc } from "../live/trpc";
import { ReasonBox } from "./reason-box";
import type { RunDetail } from "./run-outcome";

/**
 * One run's status, polled while it is active. When it ends, the page's loaders run again: what
 * the page offers next (e.g. the onboarding's first sync) depends on how it ended.
 */
export function LiveRunStatus({ initial, children }: { initial: RunDetail; children?: (detail: RunDetail) => React.ReactNode }) {
  const live = trpc.operations.detail.useQuery(
    { runId: initial.run.id },
    { initialData: initial, refetchInterval: (state) => (state.state.data && isActiveRunStatus(state.state.data.run.status) ? 2_000 : false) },
  );
  const detail = live.data;
  const active = isActiveRunStatus(detail.run.status);
  const revalidator = useRevalidator();
  const utils = trpc.useUtils();
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) {
      void utils.notifications.list.invalidate();
      if (revalidator.state === "idle") revalidator.revalidate();
    }
    wasActive.current = active;
  }, [active, revalidator, utils]);

  return (
    <div className="space-y-2" data-live-run={detail.run.id} data-run-status={detail.run.status}>
      <p className="flex items-center gap-2 text-sm">
        <span className="font-medium text-slate-900">{detail.run.label}</span>
        <RunStatusBadge status={detail.run.status} />
        {active ? <span className="text-xs text-slate-500">updating…</span> : null}
      </p>
      {detail.reason ? <ReasonBox reason={detail.reason} /> : null}
      {children?.(detail)}
    </div>
  );
}
