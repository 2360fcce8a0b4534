import type { BatchSearch } from "@tenantpilot/dispatch-gate/contract";
import { listSearch, oneOf, pageCursor } from "../lists/list-search";

/** A batch page's state in its URL (`routes.batch`): only blocked or only failed rows, the page. */
export const batchSearch = listSearch<BatchSearch>({ show: oneOf(["blocked", "failed"]), cursor: pageCursor() }, { pages: ["cursor"] });

export const BATCH_PAGE_SIZE = 50;

/** batches.detail's row filter for the page's state. */
export function batchRowFilter(search: BatchSearch) {
  return {
    ...(search.show === "blocked" ? { outcome: "blocked" as const } : {}),
    ...(search.show === "failed" ? { runStatus: "failed" as const } : {}),
    ...(search.cursor ? { cursor: search.cursor } : {}),
    limit: BATCH_PAGE_SIZE,
  };
}
