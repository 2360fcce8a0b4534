import { useEffect, useRef } from "react";
import { useRevalidator } from "@remix-run/react";
import { activeRunStatuses } from "@tenantpilot/dispatch-gate/contract";
import { trpc } from "../live/trpc";
import { EmptyState } from "../shell/page";
import { RunTable, type RunRow } from "./run-table";

const ACTIVE_POLL_MS = 2_000;
const IDLE_POLL_MS = 10_000;

const signatureOf = (runs: readonly RunRow[]) => runs.map((run) => `${run.id}:${run.status}`).join(",");

/**
 * A tenant's queued and running runs, polled while the page is open. When the polled set differs
 * from what the loaders rendered (a run finished, or one started elsewhere) the loaders run
 * again, so every readiness hint on the page tells the truth without a reload.
 */
export function LiveActiveRuns({ tenant, initial }: { tenant: string; initial: readonly RunRow[] }) {
  const query = { tenant, status: [...activeRunStatuses], limit: 20 };
  const utils = trpc.useUtils();
  const active = trpc.operations.list.useQuery(query, {
    initialData: { items: [...initial], nextCursor: null, statusCounts: null },
    refetchInterval: (state) => ((state.state.data?.items.length ?? 0) > 0 ? ACTIVE_POLL_MS : IDLE_POLL_MS),
  });
  const revalidator = useRevalidator();
  const rendered = signatureOf(initial);
  const polled = signatureOf(active.data.items);

  // The loaders ran again (after a start, say): poll now rather than at the next interval.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    void utils.operations.list.invalidate({ tenant });
  }, [rendered, tenant, utils]);

  useEffect(() => {
    if (polled !== rendered && revalidator.state === "idle" && !active.isFetching) revalidator.revalidate();
    // Only a change of the polled set triggers; the other values are read as they are then.
  }, [polled]);

  if (active.data.items.length === 0) {
    return <EmptyState title="Nothing running">Runs you start appear here while they are queued or running.</EmptyState>;
  }
  return <RunTable runs={active.data.items} showTenant={false} caption="Active runs" />;
}
