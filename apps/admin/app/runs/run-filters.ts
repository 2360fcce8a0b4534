import { activeRunStatuses, dayEnd, dayStart, operationIds, runStatuses, type RunsSearch } from "@tenantpilot/dispatch-gate/contract";
import { filterKey, isoDate, listSearch, oneOf, pageCursor, searchText } from "../lists/list-search";

/** The monitoring list's state in its URL (`routes.operations`): tenant, status, operation, date range, page. */
export const runsSearch = listSearch<RunsSearch>(
  {
    tenant: filterKey(),
    find: searchText(),
    status: oneOf(["active", ...runStatuses]),
    operation: oneOf(operationIds),
    from: isoDate(),
    to: isoDate(),
    cursor: pageCursor(),
  },
  { pages: ["cursor"] },
);

export const RUNS_PAGE_SIZE = 25;

/** The API input for the filters; the browser's live query uses the very same object. */
export function runListInput(search: RunsSearch) {
  return {
    ...(search.tenant ? { tenant: search.tenant } : {}),
    ...(search.status ? { status: search.status === "active" ? [...activeRunStatuses] : [search.status] } : {}),
    ...(search.operation ? { operation: search.operation } : {}),
    ...(search.from ? { from: dayStart(search.from) } : {}),
    ...(search.to ? { to: dayEnd(search.to) } : {}),
    ...(search.cursor ? { cursor: search.cursor } : {}),
    limit: RUNS_PAGE_SIZE,
  };
}
