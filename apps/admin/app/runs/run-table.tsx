import { Link } from "@remix-run/react";
import { describe } from "@tenantpilot/dispatch-gate/contract";
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

const status: Column<RunRow> = { key: "status", header: "Status", cell: (run) => <RunStatusBadge status={run.status} /> };

const items: Column<RunRow> = {
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
};

const details: Column<RunRow> = {
  key: "details",
  header: "Details",
  hiddenHeader: true,
  align: "end",
  cell: (run) => (
    <Link to={run.href} className="text-sm font-medium text-sky-700 hover:underline">
      View<span className="sr-only"> {run.label} run</span>
    </Link>
  ),
};

// When the run was queued (admitted): "Queued" wherever a run's created_at is shown, as on the run
// page, whose timeline keeps "Started" for when a worker took it up (a batch run may wait hours).
const queued: Column<RunRow> = {
  key: "queued",
  header: "Queued",
  className: "whitespace-nowrap text-slate-600",
  cell: (run) => <TimeStamp value={run.createdAt} />,
};

// Monitoring's own columns: how long, who, through which connection (by name, as it was at admission).
const duration: Column<RunRow> = {
  key: "duration",
  header: "Duration",
  className: "whitespace-nowrap tabular-nums text-slate-600",
  cell: (run) => describe({ durationMs: run.durationMs }),
};
const startedBy: Column<RunRow> = { key: "startedBy", header: "Started by", className: "text-slate-600", cell: (run) => run.startedBy.name };
const connection: Column<RunRow> = {
  key: "connection",
  header: "Connection",
  className: "text-slate-600",
  cell: (run) => run.connection?.displayName ?? "—",
};

/**
 * Runs as a table. "summary" (a tenant's or a connection's recent runs): what, status, when, how far.
 * "monitoring" (the operations list): status first, then what, where, when, how long, who and through
 * which connection.
 */
export function RunTable({
  runs,
  showTenant = true,
  caption,
  columns = "summary",
}: {
  runs: readonly RunRow[];
  showTenant?: boolean;
  caption: string;
  columns?: "summary" | "monitoring";
}) {
  const where = showTenant ? [tenant] : [];
  return (
    <DataTable
      caption={caption}
      columns={
        columns === "monitoring"
          ? [status, operation, ...where, queued, duration, startedBy, connection, details]
          : [operation, ...where, status, queued, items, details]
      }
      rows={runs}
      rowKey={(run) => run.id}
      rowData={(run) => ({ "data-run": run.id })}
    />
  );
}
