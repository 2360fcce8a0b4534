import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isActiveRunStatus, reportKindIds, reportKinds, type ReportKind } from "@tenantpilot/dispatch-gate/contract";
import { RunStatusBadge, TimeStamp } from "@tenantpilot/ui";
import { attempt, load, loadIfAllowed } from "../api/api-call.server";
import { OperationCard } from "../operations/operation-card";
import { RunTable } from "../runs/run-table";
import { Card, EmptyState, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";
import { queryHref } from "../lists/query-href";

const PAGE_SIZE = 25;

const isReportKind = (value: string | null): value is ReportKind => value !== null && (reportKindIds as readonly string[]).includes(value);

/** This page's URL for a kind filter and page; no kind is every kind. */
function reportsHref(kind: ReportKind | undefined, cursor?: string): string {
  return queryHref(".", { kind, cursor });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  const url = new URL(request.url);
  const kindParam = url.searchParams.get("kind");
  const kind = isReportKind(kindParam) ? kindParam : undefined;
  const cursor = url.searchParams.get("cursor") ?? undefined;
  const [reports, runs, ...previews] = await Promise.all([
    attempt(request, context.api.reports.list({ tenant, limit: PAGE_SIZE, ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) })),
    load(request, context.api.operations.list({ tenant, operation: "report.generate", limit: 10 })),
    ...reportKindIds.map((id) => loadIfAllowed(request, context.api.operations.preview({ tenant, operation: "report.generate", target: id }))),
  ]);
  if (!reports.ok) {
    // A cursor this API did not hand out (an edited or very old link): start from the first page.
    if (cursor) throw redirect(`${url.pathname}${kind ? `?kind=${kind}` : ""}`);
    throw new Error(reports.problem.message);
  }
  return {
    kind: kind ?? null,
    cursor: cursor ?? null,
    reports: reports.value,
    runs: runs.items,
    kinds: reportKindIds.map((id, index) => ({ kind: id, preview: previews[index] ?? null })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

const chipClass = (current: boolean) =>
  `rounded-md px-2.5 py-1 ${current ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`;

export default function Reports() {
  const { kind, cursor, reports, runs, kinds } = useLoaderData<typeof loader>();
  const { tenant } = useTenant();
  const canStart = tenant.capabilities.includes("operations.start");
  const activeRuns = runs.filter((run) => isActiveRunStatus(run.status));
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {kinds.map(({ kind: id, preview }) => (
          <OperationCard
            key={id}
            operation="report.generate"
            title={reportKinds[id].label}
            target={id}
            targetLabel={`${tenant.displayName} — ${reportKinds[id].label}`}
            buttonTargetLabel={reportKinds[id].label}
            preview={preview}
            canStart={canStart}
          />
        ))}
      </div>

      <Card
        title="Generated reports"
        description="Each run of Generate report adds one report; open it for its rows."
        actions={
          <nav aria-label="Report kinds" className="flex gap-1 text-sm">
            <Link to={reportsHref(undefined)} aria-current={kind === null ? "true" : undefined} className={chipClass(kind === null)}>
              All
            </Link>
            {reportKindIds.map((id) => (
              <Link key={id} to={reportsHref(id)} aria-current={kind === id ? "true" : undefined} className={chipClass(kind === id)}>
                {reportKinds[id].label}
              </Link>
            ))}
          </nav>
        }
      >
        {reports.items.length === 0 ? (
          <EmptyState title={kind ? `No ${reportKinds[kind].label.toLowerCase()} reports yet` : "No reports yet"}>
            {activeRuns.length > 0
              ? "A report is being generated: it appears here when its run finishes."
              : canStart
                ? "Run Generate report above to fill this."
                : "An operator runs Generate report to fill this."}
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Generated reports</caption>
              <thead>
                <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                  <th scope="col" className="py-2 pr-4 font-medium">Report</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Generated</th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">Rows</th>
                  <th scope="col" className="py-2 font-medium">Run</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {reports.items.map((report) => (
                  <tr key={report.id} data-report={report.id}>
                    <td className="py-3 pr-4">
                      <Link to={report.id} className="font-medium text-slate-900 hover:underline">
                        {report.label}
                      </Link>
                    </td>
                    <td className="whitespace-nowrap py-3 pr-4 text-slate-600">
                      <TimeStamp value={report.createdAt} />
                    </td>
                    <td className="py-3 pr-4 text-right tabular-nums text-slate-700">{report.rowCount}</td>
                    <td className="py-3">
                      {report.run ? (
                        <Link to={report.run.href} className="inline-flex items-center gap-2 hover:underline">
                          <RunStatusBadge status={report.run.status} />
                          <span className="sr-only">View the run</span>
                        </Link>
                      ) : (
                        <span className="text-slate-500">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {cursor || reports.nextCursor ? (
              <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
                {cursor ? (
                  <Link to={reportsHref(kind ?? undefined)} className={buttonClass.link}>
                    ← Newest reports
                  </Link>
                ) : (
                  <span />
                )}
                {reports.nextCursor ? (
                  <Link to={reportsHref(kind ?? undefined, reports.nextCursor)} className={buttonClass.link}>
                    Older reports →
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </div>
        )}
      </Card>

      <Card title="Report runs" description="The latest runs of Generate report, including those that produced no report.">
        {runs.length === 0 ? (
          <EmptyState title="No report runs yet">Runs appear here once Generate report is started and accepted.</EmptyState>
        ) : (
          <RunTable runs={runs} showTenant={false} caption="Report runs" />
        )}
      </Card>
    </div>
  );
}
