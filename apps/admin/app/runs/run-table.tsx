import { Link } from "@remix-run/react";
import { RunStatusBadge, TimeStamp } from "@tenantpilot/ui";
import { DataTable, type Column } from "../lists/data-table";
import type { ApiOutputs } from "../live/trpc";
import { tenantColumn } from "../tenants/tenant-column";
import { runTargetLabel } from "./run-target";

export type RunRow = ApiOutputs["operations"]["list"]["items"][number];

const operation: Column<RunRow> = {
  key: "operation",
  header: "Operation",
  cell: (run) => (
    <>
      <Link to={run.href} className="font-medium text-slate-900 hover:underline">
        {run.label}
      </Link>
      {run.target.kind === "tenant" ? null : <p className="text-xs text-slate-500">{runTargetLabel(run.target, run.tenant.displayName)}</p>}
    </>
  ),
};

const tenant = tenantColumn<RunRow>((run) => run.tenant);

const rest: readonly Column<RunRow>[] = [
  { key: "status", header: "Status", cell: (run) => <RunStatusBadge status={run.status} /> },
  { key: "queued", header: "Queued", className: "whitespace-nowrap text-slate-600", cell: (run) => <TimeStamp value={run.createdAt} /> },
  {
    key: "items",
    header: "Items",
    align: "end",
    className: "whitespace-nowrap tabular-nums text-slate-600",
    cell: (run) => (
      <>
        {run.counts.seen}
        {run.counts.failed > 0 ? <span className="ml-1 text-rose-700">({run.counts.failed} failed)</span> : null}
      </>
    ),
  },
  {
    key: "details",
    header: "Details",
    hiddenHeader: true,
    align: "end",
    cell: (run) => (
      <Link to={run.href} className="text-sm font-medium text-sky-700 hover:underline">
        View<span className="sr-only"> {run.label} run</span>
      </Link>
    ),
  },
];

/** Runs as a table: what, where, status, when, how far. */
export function RunTable({ runs, showTenant = true, caption }: { runs: readonly RunRow[]; showTenant?: boolean; caption: string }) {
  return (
    <DataTable
      caption={caption}
      columns={showTenant ? [operation, tenant, ...rest] : [operation, ...rest]}
      rows={runs}
      rowKey={(run) => run.id}
      rowData={(run) => ({ "data-run": run.id })}
    />
  );
}
