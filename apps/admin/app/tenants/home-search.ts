import {
  filterKeyMax,
  previewOutcomes,
  reasonCodes,
  secretExpiryWindows,
  type BulkOperation,
  type TenantFilter,
  type TenantsSearch,
} from "@tenantpilot/dispatch-gate/contract";
import { bulkChoices, readBulkChoice } from "../bulk/bulk-operation";
import { filterKey, listSearch, manyText, oneOf, pageCursor, searchText } from "../lists/list-search";

/**
 * The home's state in its URL (`routes.home`): workspace, status, text, tags, the operation whose
 * readiness the chips count and filter, readiness, failed last night, secret expiry, sort, page.
 */
export const homeSearch = listSearch<TenantsSearch>(
  {
    workspace: filterKey(),
    status: oneOf(["onboarding", "active", "archived", "all"]),
    search: searchText(),
    tag: manyText({ max: filterKeyMax, most: 20 }),
    operation: oneOf(bulkChoices.map((choice) => choice.value)),
    ready: oneOf(previewOutcomes),
    reason: oneOf(reasonCodes),
    failed: oneOf(["24h"]),
    secrets: oneOf(secretExpiryWindows),
    sort: oneOf(["name", "activity"]),
    cursor: pageCursor(),
  },
  { pages: ["cursor"] },
);

export const HOME_PAGE_SIZE = 50;

/** Without a choice the readiness chips and filter speak about the nightly sync every tenant runs. */
export const defaultReadinessOperation: BulkOperation = { operation: "inventory.sync" };

/** The operation whose readiness the home counts (tenants.summary) and filters (tenants.list). */
export function homeReadinessOperation(search: TenantsSearch): BulkOperation {
  return (search.operation === undefined ? null : readBulkChoice(search.operation)) ?? defaultReadinessOperation;
}

/** The list's filter (tenants.list's, and a bulk start's "all matching this filter": the same object). */
export function homeFilter(search: TenantsSearch): TenantFilter {
  // Every tag the URL names, malformed ones too: dropping one would widen the list (and "all matching") to every
  // tenant. The home's loader and forms answer 404 for a malformed tag before this (home-page.server.ts).
  const tags = [...(search.tag ?? [])];
  return {
    ...(search.search ? { search: search.search } : {}),
    ...(search.status ? { status: search.status } : {}),
    ...(tags.length > 0 ? { tagIds: tags } : {}),
    ...(search.ready
      ? {
          readiness: {
            ...homeReadinessOperation(search),
            outcome: search.ready,
            ...(search.ready === "blocked" && search.reason ? { reason: search.reason } : {}),
          },
        }
      : {}),
    ...(search.failed === "24h" ? { failedWithin24h: true } : {}),
    ...(search.secrets ? { secretExpiry: search.secrets } : {}),
  };
}
