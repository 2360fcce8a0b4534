import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { describe, routes, isUuid } from "@tenantpilot/dispatch-gate/contract";
import { RunStatusBadge, TimeStamp } from "@tenantpilot/ui";
import { load } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import { Breadcrumbs, Card, EmptyState, Facts, buttonClass } from "../shell/page";
import { useTenant } from "../tenants/use-tenant";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (!isUuid(params.report)) throw notFound("No such report.");
  return load(request, context.api.reports.detail({ tenant: params.tenant ?? "", reportId: params.report }));
}

/** "userPrincipalName" → "User principal name", "lastSyncDateTime" → "Last sync": report columns are Graph's field names. */
function columnWords(column: string): string {
  const words = column.replace(/(.)DateTime$/, "$1").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Graph's date-times ("2026-11-20T09:41:00Z"): shown like every other time in the app.
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function Cell({ value }: { value: string | number | boolean | null }) {
  if (value === null || value === "") return <span className="text-slate-400">—</span>;
  if (typeof value === "string" && dateTime.test(value)) return <TimeStamp value={value} />;
  return <>{String(value)}</>;
}

export default function Report() {
  const report = useLoaderData<typeof loader>();
  const { tenant } = useTenant();
  const generated = <TimeStamp value={report.createdAt} />;
  return (
    <div className="space-y-6">
      <Breadcrumbs crumbs={[{ label: "Reports", to: routes.tenantReports(tenant.slug) }, { label: report.label }]} />

      <Card title={report.label} description={<>Generated {generated}</>}>
        <Facts
          items={[
            { label: "Rows", value: <span className="tabular-nums">{report.rowCount}</span> },
            {
              label: "Run",
              value: report.run ? (
                <Link to={report.run.href} className={`${buttonClass.link} inline-flex items-center gap-2`}>
                  <RunStatusBadge status={report.run.status} /> View run
                </Link>
              ) : (
                "—"
              ),
            },
          ]}
        />
        {report.run?.status === "partially_succeeded" ? (
          <p role="note" className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            Its run ended {describe({ runStatus: "partially_succeeded" }).toLowerCase()}: the listing stopped at its page limit, so this report may be
            missing rows.
          </p>
        ) : null}
      </Card>

      <Card title="Rows">
        {report.rows.length === 0 ? (
          <EmptyState title="This report has no rows">
            The tenant had nothing to report when it was generated. Generate it again from Reports to see the current state.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">
                {report.label}, {report.rows.length} rows
              </caption>
              <thead>
                <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                  {report.columns.map((column) => (
                    <th key={column} scope="col" className="whitespace-nowrap py-2 pr-4 font-medium">
                      {columnWords(column)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.rows.map((row, index) => (
                  <tr key={index} className="align-top">
                    {report.columns.map((column) => {
                      const value = row[column] ?? null;
                      return (
                        <td key={column} className={`py-2 pr-4 ${typeof value === "number" ? "text-right tabular-nums" : ""} text-slate-700`}>
                          <Cell value={value} />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
