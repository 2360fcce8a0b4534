import { describe, routes, runStatuses, type RunsSearch } from "@tenantpilot/dispatch-gate/contract";
import type { FilterChip } from "../lists/filter-chips";
import type { ApiOutputs } from "../live/trpc";
import { runsSearch } from "./run-filters";

export type StatusCounts = NonNullable<ApiOutputs["operations"]["list"]["statusCounts"]>;

/**
 * The status filter as chips with their counts (operations.list counts over every filter but the
 * status, so each chip says how many runs it would show): all, active (queued + running), then each
 * status in lifecycle order. A status nothing has is left out unless it is the one applied.
 */
export function runStatusChips(search: RunsSearch, counts: StatusCounts): FilterChip[] {
  const chip = (value: RunsSearch["status"], label: string, count: number): FilterChip => ({
    value: value ?? "",
    label,
    count,
    href: routes.operations(runsSearch.next(search, { status: value })),
    current: search.status === value,
  });
  return [
    chip(undefined, "All", counts.total),
    chip("active", "Active", counts.queued + counts.running),
    ...runStatuses.filter((status) => counts[status] > 0 || search.status === status).map((status) => chip(status, describe({ runStatus: status }), counts[status])),
  ];
}
