import { type Prisma, type Db } from "@tenantpilot/db";
import { runStatuses, type OperationId, type RunStatus } from "@tenantpilot/dispatch-gate/contract";
import { afterCursor, newestFirst, toPage, type Cursor, type Page } from "./page-cursor";
import { runListSelect, toRunListItem, type RunListItem } from "./run-list-item";

export interface RunFilters {
  statuses?: RunStatus[];
  operation?: OperationId;
  /** Inclusive bounds of when the run was started (admitted). */
  from?: Date;
  to?: Date;
  /** Also count the runs per status over the other filters (the monitoring page's chips; pollers leave it off). */
  statusCounts?: boolean;
  cursor: Cursor | null;
  limit: number;
}

export type StatusCounts = Record<RunStatus, number> & { total: number };

/**
 * Monitoring's list in one read: runs of the given tenants (already authorized), newest first, a
 * keyset page on (created_at, id), filtered by status, operation and a date range; each with its
 * duration, who started it and its connection by name; and the counts per status over the same
 * filters but the status one, so the page can offer them as chips.
 */
export async function listRuns(db: Db, tenantIds: string[], filters: RunFilters): Promise<Page<RunListItem> & { statusCounts: StatusCounts | null }> {
  if (tenantIds.length === 0) return { items: [], nextCursor: null, statusCounts: filters.statusCounts ? countsOf([]) : null };
  const common = {
    tenantId: { in: tenantIds },
    ...(filters.operation ? { operation: filters.operation } : {}),
    ...(filters.from || filters.to ? { createdAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) } } : {}),
  } satisfies Prisma.OperationRunWhereInput;
  const [rows, grouped] = await Promise.all([
    db.operationRun.findMany({
      where: { ...common, ...(filters.statuses ? { status: { in: filters.statuses } } : {}), ...afterCursor(filters.cursor) },
      select: runListSelect,
      orderBy: newestFirst,
      take: filters.limit + 1,
    }),
    filters.statusCounts ? db.operationRun.groupBy({ by: ["status"], where: common, _count: { _all: true } }) : null,
  ]);
  return {
    ...toPage(rows, filters.limit, toRunListItem),
    statusCounts: grouped === null ? null : countsOf(grouped.map((group) => ({ status: group.status, count: group._count._all }))),
  };
}

function countsOf(groups: { status: string; count: number }[]): StatusCounts {
  const counts = Object.fromEntries(runStatuses.map((status) => [status, 0])) as Record<RunStatus, number>;
  let total = 0;
  for (const { status, count } of groups) {
    if ((runStatuses as readonly string[]).includes(status)) counts[status as RunStatus] = count;
    total += count;
  }
  return { ...counts, total };
}
