import { Form, Link } from "@remix-run/react";
import { describe, routes } from "@tenantpilot/dispatch-gate/contract";
import { outcomeTones, RunStatusBadge, TimeStamp, useIsStep } from "@tenantpilot/ui";
import { DataTable, linkColumn, type Column } from "../lists/data-table";
import { buttonClass } from "../shell/page";
import type { HomeRow, RowReadiness } from "./home-rows";
import { TenantStatusPill } from "./tenant-status";

/** The bulk bar's form: row checkboxes submit with it from inside the table. */
export const bulkFormId = "bulk";

function Readiness({ readiness }: { readiness: RowReadiness }) {
  const tone = outcomeTones[readiness.outcome];
  // Like the shared components: no next step to where this role cannot go (or to here).
  const isStep = useIsStep(readiness.nextStep?.href ?? "");
  return (
    <p className="flex items-start gap-1.5" data-readiness={readiness.outcome}>
      <span aria-hidden="true" className={`mt-1.5 size-2 shrink-0 rounded-full ${tone.dot}`} />
      <span className="min-w-0">
        <strong className={`font-semibold ${tone.heading}`}>{describe({ preview: readiness.outcome })}</strong>
        {readiness.outcome === "ready" ? null : <> · {readiness.text}</>}
        {readiness.nextStep && isStep ? (
          <>
            {" · "}
            <Link to={readiness.nextStep.href} className={buttonClass.link}>
              {readiness.nextStep.label}
            </Link>
          </>
        ) : null}
      </span>
    </p>
  );
}

const columns: readonly Column<HomeRow>[] = [
  linkColumn({
    key: "tenant",
    header: "Tenant",
    href: (row) => routes.tenant(row.slug),
    label: (row) => (
      <>
        {row.displayName} <TenantStatusPill status={row.status} />
      </>
    ),
  }),
  { key: "readiness", header: "Readiness", cell: (row) => <Readiness readiness={row.readiness} />, width: "w-2/5" },
  {
    key: "last",
    header: "Last run",
    cell: (row) =>
      row.lastRun ? (
        <Link to={row.lastRun.href} className="flex flex-col items-start gap-0.5 hover:underline">
          <span className="text-slate-700">{row.lastRun.label}</span>
          <RunStatusBadge status={row.lastRun.status} />
          <span className="text-xs text-slate-500">
            <TimeStamp value={row.lastRun.at} />
          </span>
        </Link>
      ) : (
        <span className="text-slate-500">None yet</span>
      ),
  },
  { key: "active", header: "Active runs", align: "end", cell: (row) => (row.activeRuns === 0 ? "—" : row.activeRuns), className: "tabular-nums" },
  {
    key: "tags",
    header: "Tags",
    // Lighter than a Pill per tag, styled by one class (tailwind.css): fifty rows of tags are a large share of the home's bytes (ADR 033).
    cell: (row) => (
      <ul className="tag-list">
        {row.tags.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    ),
  },
];

/** An owner brings an archived tenant back from the list's archived view. */
const unarchiveColumn: Column<HomeRow> = {
  key: "unarchive",
  header: "Actions",
  hiddenHeader: true,
  cell: (row) =>
    row.canUnarchive ? (
      <Form method="post">
        <input type="hidden" name="tenant" value={row.slug} />
        <button type="submit" name="intent" value="unarchive" className={buttonClass.secondary} aria-label={`Unarchive ${row.displayName}`}>
          Unarchive
        </button>
      </Form>
    ) : null,
};

export function TenantTable({ rows, selectable }: { rows: readonly HomeRow[]; selectable: boolean }) {
  const withActions = rows.some((row) => row.canUnarchive) ? [...columns, unarchiveColumn] : columns;
  return (
    <DataTable
      caption="Tenants"
      columns={withActions}
      rows={rows}
      rowKey={(row) => row.id}
      rowData={(row) => ({ "data-tenant": row.slug })}
      {...(selectable ? { selection: { name: "tenant", value: (row: HomeRow) => row.id, label: (row: HomeRow) => `Select ${row.displayName}`, form: bulkFormId } } : {})}
    />
  );
}
