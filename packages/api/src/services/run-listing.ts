import type { Db } from "@tenantpilot/db";
import type { OperationId, RunStatus } from "@tenantpilot/dispatch-gate/contract";
import { afterCursor, newestFirst, toPage, type Cursor, type Page } from "./page-cursor";
import { runListSelect, toRunListItem, type RunListItem } from "./run-list-item";

export interface RunFilters {
  statuses?: RunStatus[];
  operation?: OperationId;
  cursor: Cursor | null;
  limit: number;
}

/** Runs of the given tenants (already authorized), newest first. */
export async function listRuns(db: Db, tenantIds: string[], filters: RunFilters): Promise<Page<RunListItem>> {
  if (tenantIds.length === 0) return { items: [], nextCursor: null };
  const rows = await db.operationRun.findMany({
    where: {
      tenantId: { in: tenantIds },
      ...(filters.statuses ? { status: { in: filters.statuses } } : {}),
      ...(filters.operation ? { operation: filters.operation } : {}),
      ...afterCursor(filters.cursor),
    },
    select: runListSelect,
    orderBy: newestFirst,
    take: filters.limit + 1,
  });
  return toPage(rows, filters.limit, toRunListItem);
}
