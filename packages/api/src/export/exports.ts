import { activeRunStatuses, dayEnd, dayStart, describe, isIsoDay } from "@tenantpilot/dispatch-gate/contract";
import type { ApiCaller } from "../caller";
import type { CsvExport } from "./csv";

// The two exports (issue 17): the runs list and the workspace's activity, each the very procedure
// its page reads (same authorization, same filters, keyset pages of 100) written as CSV.

const PAGE = 100;

/** Search parameters as the pages' URLs carry them (routes.operationsCsv / activityCsv). */
type Params = URLSearchParams;

const optional = (params: Params, name: string) => params.get(name) ?? undefined;
/** A date (YYYY-MM-DD: the whole day, UTC) or a timestamp; an unreadable one reaches the procedure as an invalid date, which it names. */
function dateParam(params: Params, name: string, end: boolean): Date | undefined {
  const text = params.get(name);
  if (text === null || text === "") return undefined;
  if (isIsoDay(text)) return end ? dayEnd(text) : dayStart(text);
  return new Date(text);
}
const withDefined = <T extends Record<string, unknown>>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };

export function runsExport(caller: ApiCaller, params: Params): CsvExport<Awaited<ReturnType<ApiCaller["operations"]["list"]>>["items"][number]> {
  // The page's "active" filter (RunsSearch) reads as queued + running here too, so its link exports what it lists.
  const statuses = params
    .getAll("status")
    .flatMap((value) => (value === "active" ? [...activeRunStatuses] : value.split(",")))
    .filter((value) => value !== "");
  const filters = withDefined({
    tenant: optional(params, "tenant"),
    operation: optional(params, "operation"),
    status: statuses.length === 0 ? undefined : statuses,
    from: dateParam(params, "from", false),
    to: dateParam(params, "to", true),
  });
  return {
    fileName: "operations.csv",
    header: ["Queued", "Operation", "Tenant", "Status", "Reason", "Duration (s)", "Started by", "Connection", "Items seen", "Items changed", "Items failed", "Run"],
    row: (run) => [
      run.createdAt,
      run.label,
      run.tenant.displayName,
      describe({ runStatus: run.status }),
      run.reasonCode ?? "",
      run.durationMs === null ? null : Math.round(run.durationMs / 100) / 10,
      run.startedBy.name,
      run.connection?.displayName ?? "",
      run.counts.seen,
      run.counts.changed,
      run.counts.failed,
      run.id,
    ],
    // The procedure validates the filters (an unknown status or operation is its BAD_REQUEST).
    page: (cursor) => caller.operations.list({ ...(filters as object), limit: PAGE, ...(cursor ? { cursor } : {}) } as Parameters<ApiCaller["operations"]["list"]>[0]),
  };
}

export function activityExport(caller: ApiCaller, params: Params): CsvExport<Awaited<ReturnType<ApiCaller["activity"]["list"]>>["items"][number]> {
  const filters = withDefined({
    workspace: params.get("workspace") ?? "",
    tenant: optional(params, "tenant"),
    actor: optional(params, "actor"),
    action: optional(params, "action"),
    from: dateParam(params, "from", false),
    to: dateParam(params, "to", true),
  });
  return {
    fileName: "activity.csv",
    header: ["Time", "Action", "Subject", "Tenant", "Actor", "Operation", "Details"],
    row: (entry) => [entry.at, entry.title, entry.subject?.name ?? "", entry.tenant?.displayName ?? "", entry.actor.name, entry.operation?.label ?? "", entry.detail ?? ""],
    page: (cursor) => caller.activity.list({ ...(filters as object), limit: PAGE, ...(cursor ? { cursor } : {}) } as Parameters<ApiCaller["activity"]["list"]>[0]),
  };
}
