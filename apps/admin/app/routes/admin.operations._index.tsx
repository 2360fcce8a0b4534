import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isActiveRunStatus, operationCatalog, operationIds, routes } from "@tenantpilot/dispatch-gate/contract";
import { load } from "../api/api-call.server";
import { FilterDate } from "../lists/filter-date";
import { FilterForm, FilterSelect, TenantFilter } from "../lists/filter-form";
import { ListCard } from "../lists/list-card";
import { Pager } from "../lists/pager";
import { tenantChoices } from "../lists/tenant-choices.server";
import { trpc } from "../live/trpc";
import { runListInput, runsSearch } from "../runs/run-filters";
import { runStatusChips } from "../runs/run-status-chips";
import { RunTable } from "../runs/run-table";
import { EmptyState, PageHeader, buttonClass } from "../shell/page";

export const meta: MetaFunction = () => [{ title: "Operations · TenantPilot Gate" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = runsSearch.parse(new URL(request.url).searchParams);
  const [page, tenants] = await Promise.all([
    load(request, context.api.operations.list({ ...runListInput(search), statusCounts: true })),
    tenantChoices(request, context.api, { named: search.tenant, archived: true, find: search.find }),
  ]);
  return { search, page, tenants: tenants.tenants.map(({ slug, displayName }) => ({ slug, displayName })), moreTenants: tenants.more };
}

export default function Operations() {
  const { search, page: loaded, tenants, moreTenants } = useLoaderData<typeof loader>();
  // While something on this page is queued or running, keep its status live (the chips' counts
  // come with the page: the poll leaves them out, as it only follows the rows shown).
  const live = trpc.operations.list.useQuery(runListInput(search), {
    initialData: loaded,
    refetchInterval: (state) => (state.state.data?.items.some((run) => isActiveRunStatus(run.status)) ? 2_000 : false),
  });
  const page = live.data;
  const counts = loaded.statusCounts;
  const tenant = tenants.find((candidate) => candidate.slug === search.tenant);
  // The export is the list under the same filters, every page of it (the picker's find text filters no run).
  const filters = runsSearch.next(search, { find: undefined });

  return (
    <>
      <PageHeader
        title="Operations"
        description={
          tenant
            ? `Runs of ${tenant.displayName}, newest first. Starts the gate blocked created no run; they are in the tenant's activity.`
            : "Runs of every tenant you can see, newest first. Starts the gate blocked created no run; they are in the activity."
        }
        crumbs={tenant ? [{ label: tenant.displayName, to: routes.tenant(tenant.slug) }, { label: "Runs" }] : undefined}
        actions={
          <>
            {tenant ? (
              <Link to={routes.tenantActivity(tenant.slug)} className={buttonClass.secondary}>
                Blocked starts
              </Link>
            ) : null}
            <Link to={routes.batches()} className={buttonClass.secondary}>
              Batches
            </Link>
          </>
        }
      />
      <FilterForm clearHref={routes.operations()}>
        {/* The status is set by the chips; the form carries it so that changing another filter keeps it. */}
        {search.status ? <input type="hidden" name="status" value={search.status} /> : null}
        <TenantFilter tenants={tenants} value={search.tenant} more={moreTenants} find={search.find} />
        <FilterSelect
          label="Operation"
          name="operation"
          value={search.operation}
          anyLabel="All operations"
          options={operationIds.map((operation) => ({ value: operation, label: operationCatalog[operation].label }))}
        />
        <FilterDate label="Queued from" name="from" value={search.from} hint="first day, inclusive" />
        <FilterDate label="Queued to" name="to" value={search.to} hint="last day, inclusive" />
      </FilterForm>

      <ListCard
        title="Runs"
        actions={
          <a href={routes.operationsCsv(filters)} className={buttonClass.secondary}>
            Export CSV
          </a>
        }
        {...(counts ? { chips: { label: "Status", chips: runStatusChips(search, counts) } } : {})}
      >
        {page.items.length === 0 ? (
          <EmptyState title={runsSearch.filtered(search) ? "No runs match these filters" : "No runs yet"}>
            Runs appear here once an operation is started and accepted by the gate.
          </EmptyState>
        ) : (
          <>
            <RunTable runs={page.items} showTenant={!search.tenant} caption="Runs" columns="monitoring" />
            <Pager
              firstPage={runsSearch.paged(search) ? routes.operations(runsSearch.next(search)) : undefined}
              nextPage={page.nextCursor ? routes.operations(runsSearch.next(search, { cursor: page.nextCursor })) : undefined}
              firstLabel="← Newest runs"
              nextLabel="Older runs →"
            />
          </>
        )}
      </ListCard>
    </>
  );
}
