import { Link } from "@remix-run/react";
import { describe } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { DataTable, type Column } from "../lists/data-table";
import type { ApiOutputs } from "../live/trpc";
import { Pill, buttonClass } from "../shell/page";
import { tenantColumn } from "../tenants/tenant-column";

export type ActivityRow = ApiOutputs["activity"]["list"]["items"][number];

// The workspace's own rows (tags, schedules, the webhook) have no tenant.
const tenantLink = tenantColumn<NonNullable<ActivityRow["tenant"]>>((tenant) => tenant);
const tenant: Column<ActivityRow> = {
  ...tenantLink,
  cell: (entry) => (entry.tenant === null ? <span className="text-slate-500">Workspace</span> : tenantLink.cell(entry.tenant)),
};

const columns: readonly Column<ActivityRow>[] = [
  { key: "time", header: "Time", className: "whitespace-nowrap text-slate-600", cell: (entry) => <TimeStamp value={entry.at} /> },
  {
    key: "what",
    header: "What",
    cell: (entry) => (
      <>
        <p className="text-slate-900">
          {entry.reason ? (
            <>
              <Pill tone="rose">{describe({ outcome: "blocked" })}</Pill>{" "}
            </>
          ) : null}
          <span className="font-medium">{entry.title}</span>
          {entry.operation ? <span className="text-slate-700"> · {entry.operation.label}</span> : null}
        </p>
        {entry.detail ? <p className="mt-0.5 text-slate-600">{entry.detail}</p> : null}
      </>
    ),
  },
  {
    key: "subject",
    header: "Subject",
    cell: (entry) =>
      entry.subject === null ? (
        "—"
      ) : entry.subject.href === null ? (
        entry.subject.name
      ) : (
        // A subject that no longer exists keeps its recorded name and has no page (href null).
        <Link to={entry.subject.href} className={buttonClass.link}>
          {entry.subject.name}
        </Link>
      ),
  },
  tenant,
  { key: "actor", header: "Actor", className: "text-slate-600", cell: (entry) => entry.actor.name },
];

/** The workspace's activity as a table: when, what (title and detail), about what (named, linked), where, who. */
export function ActivityTable({ entries }: { entries: readonly ActivityRow[] }) {
  return <DataTable caption="Activity" columns={columns} rows={entries} rowKey={(entry) => entry.id} rowData={(entry) => ({ "data-audit-action": entry.action })} />;
}
