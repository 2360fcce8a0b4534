import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isActiveRunStatus, reportKindIds, reportKinds, routes, type ReportsSearch } from "@tenantpilot/dispatch-gate/contract";
import { RunStatusBadge, TimeStamp } from "@tenantpilot/ui";
import { attempt, load } from "../api/api-call.server";
import { DataTable, linkColumn, type Column } from "../lists/data-table";
import { FilterChips } from "../lists/filter-chips";
import { listSearch, oneOf, pageCursor } from "../lists/list-search";
import { Pager } from "../lists/pager";
import { pagesOrFirstPage } from "../lists/stale-cursor.server";
import type { ApiOutputs } from "../live/trpc";
import { OperationCard } from "../operations/operation-card";
import { RunTable } from "../runs/run-table";
import { Card, EmptyState } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";

const PAGE_SIZE = 25;

const reportsSearch = listSearch<ReportsSearch>({ kind: oneOf(reportKindIds), cursor: pageCursor() }, { pages: ["cursor"] });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  const search = reportsSearch.parse(new URL(request.url).searchParams);
  // The cards' readiness per report kind comes with the tenant (tenants.detail), for every role.
  const [read, runs] = await Promise.all([
    attempt(request, context.api.reports.list({ tenant, limit: PAGE_SIZE, ...(search.kind ? { kind: search.kind } : {}), ...(search.cursor ? { cursor: search.cursor } : {}) })),
    load(request, context.api.operations.list({ tenant, operation: "report.generate", limit: 10 })),
  ]);
  const [reports] = pagesOrFirstPage([read], { paged: reportsSearch.paged(search), firstPage: routes.tenantReports(tenant, reportsSearch.next(search)) });
  return {
    search,
    reports,
    runs: runs.items,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

type ReportRow = ApiOutputs["reports"]["list"]["items"][number];

function reportColumns(tenantSlug: string): Column<ReportRow>[] {
  return [
    linkColumn({ key: "report", header: "Report", href: (report) => routes.report(tenantSlug, report.id), label: (report) => report.label }),
    { key: "generated", header: "Generated", className: "whitespace-nowrap text-slate-600", cell: (report) => <TimeStamp value={report.createdAt} /> },
    { key: "rows", header: "Rows", align: "end", className: "tabular-nums text-slate-700", cell: (report) => report.rowCount },
    {
      key: "run",
      header: "Run",
      cell: (report) =>
        report.run ? (
          <Link to={report.run.href} className="inline-flex items-center gap-2 hover:underline">
            <RunStatusBadge status={report.run.status} />
            <span className="sr-only">View the run</span>
          </Link>
        ) : (
          <span className="text-slate-500">—</span>
        ),
    },
  ];
}

export default function Reports() {
  const { search, reports, runs } = useLoaderData<typeof loader>();
  const { tenant, reports: kinds } = useTenant();
  const canStart = tenant.capabilities.includes("operations.start");
  const activeRuns = runs.filter((run) => isActiveRunStatus(run.status));
  return (
    <div className="space-y-6">
      {/* The cards' h3s sit under this h2: the page's outline never skips from h1 to h3. */}
      <section aria-labelledby="generate-heading">
        <h2 id="generate-heading" className="mb-3 text-base font-semibold text-slate-900">
          Generate a report
        </h2>
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
      </section>

      <Card
        title="Generated reports"
        description="Each run of Generate report adds one report; open it for its rows."
        actions={
          <FilterChips
            label="Report kinds"
            chips={[
              { value: "", label: "All", href: routes.tenantReports(tenant.slug), current: search.kind === undefined },
              ...reportKindIds.map((id) => ({ value: id, label: reportKinds[id].label, href: routes.tenantReports(tenant.slug, { kind: id }), current: search.kind === id })),
            ]}
          />
        }
      >
        {reports.items.length === 0 ? (
          <EmptyState title={search.kind ? `No ${reportKinds[search.kind].label.toLowerCase()} reports yet` : "No reports yet"}>
            {activeRuns.length > 0
              ? "A report is being generated: it appears here when its run finishes."
              : canStart
                ? "Run Generate report above to fill this."
                : "An operator runs Generate report to fill this."}
          </EmptyState>
        ) : (
          <>
            <DataTable caption="Generated reports" columns={reportColumns(tenant.slug)} rows={reports.items} rowKey={(report) => report.id} rowData={(report) => ({ "data-report": report.id })} />
            <Pager
              firstPage={reportsSearch.paged(search) ? routes.tenantReports(tenant.slug, reportsSearch.next(search)) : undefined}
              nextPage={reports.nextCursor ? routes.tenantReports(tenant.slug, reportsSearch.next(search, { cursor: reports.nextCursor })) : undefined}
              firstLabel="← Newest reports"
              nextLabel="Older reports →"
            />
          </>
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
