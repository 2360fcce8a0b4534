import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { describe, isActiveRunStatus, operationCatalog, operationIds, runStatuses } from "@tenantpilot/dispatch-gate/contract";
import { load } from "../api/api-call.server";
import { trpc } from "../live/trpc";
import { runFiltersFrom, runListHref, runListInput } from "../runs/run-filters";
import { RunTable } from "../runs/run-table";
import { Card, EmptyState, PageHeader, buttonClass } from "../shell/page";

export const meta: MetaFunction = () => [{ title: "Operations · TenantPilot Gate" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const filters = runFiltersFrom(new URL(request.url).searchParams);
  const [page, tenants] = await Promise.all([
    load(request, context.api.operations.list(runListInput(filters))),
    load(request, context.api.tenants.list({ limit: 200, readiness: [] })),
  ]);
  return { filters, page, tenants: tenants.items.map(({ slug, displayName }) => ({ slug, displayName })) };
}

const selectClass =
  "block w-full rounded-md border-0 py-2 pl-3 pr-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900";

export default function Operations() {
  const { filters, page: loaded, tenants } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  // While something on this page is queued or running, keep its status live.
  const live = trpc.operations.list.useQuery(runListInput(filters), {
    initialData: loaded,
    refetchInterval: (state) => (state.state.data?.items.some((run) => isActiveRunStatus(run.status)) ? 2_000 : false),
  });
  const page = live.data;
  const tenantName = tenants.find((tenant) => tenant.slug === filters.tenant)?.displayName;

  return (
    <>
      <PageHeader
        title="Operations"
        description={
          tenantName
            ? `Runs of ${tenantName}, newest first. Starts the gate blocked created no run; they are in the tenant's activity.`
            : "Runs of every tenant you can see, newest first. Starts the gate blocked created no run; they are in each tenant's activity."
        }
        crumbs={tenantName ? [{ label: tenantName, to: `/admin/t/${filters.tenant}` }, { label: "Runs" }] : undefined}
        actions={
          filters.tenant ? (
            <Link to={`/admin/t/${filters.tenant}/activity`} className={buttonClass.secondary}>
              Blocked starts
            </Link>
          ) : null
        }
      />
      <Form method="get" className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-4 sm:items-end" onChange={(event) => submit(event.currentTarget)}>
        <label className="space-y-1 text-sm font-medium text-slate-700">
          <span>Tenant</span>
          <select name="tenant" defaultValue={filters.tenant ?? ""} className={selectClass}>
            <option value="">All tenants</option>
            {tenants.map((tenant) => (
              <option key={tenant.slug} value={tenant.slug}>
                {tenant.displayName}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-700">
          <span>Status</span>
          <select name="status" defaultValue={filters.status ?? ""} className={selectClass}>
            <option value="">Any status</option>
            <option value="active">Active ({describe({ runStatus: "queued" })} or {describe({ runStatus: "running" })})</option>
            {runStatuses.map((status) => (
              <option key={status} value={status}>
                {describe({ runStatus: status })}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm font-medium text-slate-700">
          <span>Operation</span>
          <select name="operation" defaultValue={filters.operation ?? ""} className={selectClass}>
            <option value="">All operations</option>
            {operationIds.map((operation) => (
              <option key={operation} value={operation}>
                {operationCatalog[operation].label}
              </option>
            ))}
          </select>
        </label>
        <div className="flex gap-2">
          {/* Without JavaScript the filters apply on this button; with it, on every change. */}
          <button type="submit" className={buttonClass.secondary}>
            Apply
          </button>
          <Link to={runListHref({})} className={buttonClass.link + " self-center text-sm"}>
            Clear
          </Link>
        </div>
      </Form>

      <Card>
        {page.items.length === 0 ? (
          <EmptyState title={filters.tenant || filters.status || filters.operation ? "No runs match these filters" : "No runs yet"}>
            Runs appear here once an operation is started and accepted by the gate.
          </EmptyState>
        ) : (
          <>
            <RunTable runs={page.items} showTenant={!filters.tenant} caption="Runs" />
            <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
              {filters.cursor ? (
                <Link to={runListHref(filters)} className={buttonClass.link}>
                  ← Newest runs
                </Link>
              ) : (
                <span />
              )}
              {page.nextCursor ? (
                <Link to={runListHref(filters, { cursor: page.nextCursor })} className={buttonClass.link}>
                  Older runs →
                </Link>
              ) : null}
            </nav>
          </>
        )}
      </Card>
    </>
  );
}
