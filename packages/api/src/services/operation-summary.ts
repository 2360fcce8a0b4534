import type { Db } from "@tenantpilot/db";
import { activeRunStatuses, parseRunDiagnostics, terminalRunStatuses, type Capability, type OperationId } from "@tenantpilot/dispatch-gate/contract";
import { coverageByFamily } from "./inventory-coverage";
import { newestFirst } from "./page-cursor";
import { runDetail } from "./run-detail";
import { runListSelect, toRunListItem } from "./run-list-item";
import { runReason } from "./run-reason";

/** How many finished inventory syncs date the policy families the newest one did not reach. */
const COVERAGE_HISTORY = 5;

/**
 * What a tenant page shows about one of its operations, in one read (the page's presenter): the
 * run in progress (live), the last finished run with its reason and typed diagnostics, and — for
 * an inventory sync — which policy families the recent syncs covered and when.
 */
export async function operationSummary(db: Db, access: { tenant: { id: string; slug: string }; capabilities: readonly Capability[] }, operation: OperationId) {
  const { tenant } = access;
  const where = { tenantId: tenant.id, operation };
  const [active, finished] = await Promise.all([
    db.operationRun.findFirst({ where: { ...where, status: { in: [...activeRunStatuses] } }, select: { id: true }, orderBy: newestFirst }),
    db.operationRun.findMany({
      where: { ...where, status: { in: [...terminalRunStatuses] } },
      select: { ...runListSelect, reasonDetail: true, diagnostics: true, providerConnectionId: true },
      orderBy: newestFirst,
      take: operation === "inventory.sync" ? COVERAGE_HISTORY : 1,
    }),
  ]);
  const runs = finished.map((row) => ({ row, diagnostics: parseRunDiagnostics(row.diagnostics) }));
  const last = runs[0];
  return {
    active: active === null ? null : await runDetail(db, active.id, access),
    last: last === undefined ? null : { run: toRunListItem(last.row), reason: runReason(last.row, tenant.slug), diagnostics: last.diagnostics },
    coverage: coverageByFamily(runs.map(({ row, diagnostics }) => ({ runId: row.id, coverage: diagnostics.inventory?.coverage ?? [] }))),
  };
}
export type OperationSummary = Awaited<ReturnType<typeof operationSummary>>;
