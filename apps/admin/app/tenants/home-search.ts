import {
  filterKeyMax,
  isUuid,
  previewOutcomes,
  reasonCodes,
  type TenantFilter,
  type TenantsSearch,
} from "@tenantpilot/dispatch-gate/contract";
import { filterKey, listSearch, manyText, oneOf, pageCursor, searchText } from "../lists/list-search";

/** The home's state in its URL (`routes.home`): workspace, status, text, tags, readiness to sync, sort, page. */
export const homeSearch = listSearch<TenantsSearch>(
  {
    workspace: filterKey(),
    status: oneOf(["onboarding", "active", "archived", "all"]),
    search: searchText(),
    tag: manyText({ max: filterKeyMax, most: 20 }),
    ready: oneOf(previewOutcomes),
    reason: oneOf(reasonCodes),
    sort: oneOf(["name", "activity"]),
    cursor: pageCursor(),
  },
  { pages: ["cursor"] },
);

export const HOME_PAGE_SIZE = 50;

/** The readiness filter and the chips speak about one operation: the nightly sync every tenant runs. */
export const homeReadinessOperation = "inventory.sync" as const;

/** The list's filter (tenants.list's, and a bulk start's "all matching this filter": the same object). */
export function homeFilter(search: TenantsSearch): TenantFilter {
  const uuids = (search.tag ?? []).filter((tag) => isUuid(tag));
  return {
    ...(search.search ? { search: search.search } : {}),
    ...(search.status ? { status: search.status } : {}),
    ...(uuids.length > 0 ? { tagIds: uuids } : {}),
    ...(search.ready
      ? {
          readiness: {
            operation: homeReadinessOperation,
            outcome: search.ready,
            ...(search.ready === "blocked" && search.reason ? { reason: search.reason } : {}),
          },
        }
      : {}),
  };
}
