import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { describe, matchStartResult, type RunStatus, type StartResult } from "@tenantpilot/dispatch-gate/contract";
import { operationLabel, RunStatusBadge } from "@tenantpilot/ui";
import { DataTable, type Column } from "../lists/data-table";
import { buttonClass } from "../shell/page";
import { tenantColumn } from "../tenants/tenant-column";

export interface BatchRow {
  tenant: { id: string; slug: string; displayName: string };
  result: StartResult;
}

/** A row's answer in the four outcome words; a run's live status; a blocked row's reason and one next step. */
function answer(result: StartResult): ReactNode {
  const word = <strong className="font-semibold">{describe({ outcome: result.outcome })}</strong>;
  const withRun = (run: { status: RunStatus; href: string }) => (
    <span className="flex flex-wrap items-center gap-2">
      {word} <RunStatusBadge status={run.status} />
      <Link to={run.href} className={buttonClass.link}>
        View run
      </Link>
    </span>
  );
  return matchStartResult<ReactNode>(result, {
    // Accepted and deduped both answer with a run of this tenant: its status and its link.
    accepted: ({ run }) => withRun(run),
    deduped: ({ run }) => withRun(run),
    scope_busy: ({ scope, blockingRun }) => (
      <span>
        {word} · {operationLabel(blockingRun.operation)} is using {scope.label} ·{" "}
        <Link to={blockingRun.href} className={buttonClass.link}>
          View the {operationLabel(blockingRun.operation)} run
        </Link>
      </span>
    ),
    blocked: ({ message, nextStep }) => (
      <span>
        {word}: {message} ·{" "}
        <Link to={nextStep.href} className={buttonClass.link}>
          {nextStep.label}
        </Link>
      </span>
    ),
  });
}

/** The status of the row's own run (accepted, deduped), for tests and styles; a scope holder is not the row's run. */
function runStatusData(result: StartResult): Record<`data-${string}`, string> {
  return result.outcome === "accepted" || result.outcome === "deduped" ? { "data-run-status": result.run.status } : {};
}

const columns: readonly Column<BatchRow>[] = [
  tenantColumn((row) => row.tenant),
  { key: "answer", header: "Answer", cell: (row) => answer(row.result), width: "w-2/3" },
];

export function BatchRows({ rows }: { rows: readonly BatchRow[] }) {
  return (
    <DataTable
      caption="Tenants of this batch"
      columns={columns}
      rows={rows}
      rowKey={(row) => row.tenant.id}
      rowData={(row) => ({ "data-tenant": row.tenant.slug, "data-outcome": row.result.outcome, ...runStatusData(row.result) })}
    />
  );
}
