import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { describe, routes, type InventorySearch } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { attempt, load } from "../api/api-call.server";
import { DataTable, type Column } from "../lists/data-table";
import { filterKey, listSearch, pageCursor, searchText } from "../lists/list-search";
import { Pager } from "../lists/pager";
import { ListCard } from "../lists/list-card";
import { pagesOrFirstPage } from "../lists/stale-cursor.server";
import type { ApiOutputs } from "../live/trpc";
import { OperationPage, useFillHint } from "../operations/operation-page";
import { OperationSummary } from "../runs/operation-summary";
import { Card, EmptyState, Pill, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";

/** Policies per page: a sandbox tenant has a few dozen, so one page usually holds them all. */
const PAGE_SIZE = 100;

/** The policy list's state in its URL: policy type, search, page (cut to the API's limits). */
const inventorySearch = listSearch<InventorySearch>({ type: filterKey(), q: searchText(), cursor: pageCursor() }, { pages: ["cursor"] });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  const search = inventorySearch.parse(new URL(request.url).searchParams);
  const [summary, read] = await Promise.all([
    load(request, context.api.operations.summary({ tenant, operation: "inventory.sync" })),
    attempt(
      request,
      context.api.inventory.list({
        tenant,
        limit: PAGE_SIZE,
        ...(search.type ? { policyType: search.type } : {}),
        ...(search.q ? { search: search.q } : {}),
        ...(search.cursor ? { cursor: search.cursor } : {}),
      }),
    ),
  ]);
  const [items] = pagesOrFirstPage([read], { paged: inventorySearch.paged(search), firstPage: routes.tenantInventory(tenant, inventorySearch.next(search)) });
  return { summary, search, items };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

export default function Inventory() {
  const { summary } = useLoaderData<typeof loader>();
  const { coverage } = summary;
  const notCurrent = coverage.filter((type) => !type.inLastSync);

  return (
    <OperationPage operation="inventory.sync" list={<Policies syncing={summary.active !== null} />}>
      <Card title="Last inventory sync">
        <OperationSummary
          summary={summary}
          never={<EmptyState title="Never synced">Sync the inventory to read this tenant&apos;s Intune policies.</EmptyState>}
          facts={(last) => `${last.run.counts.seen} policies listed, ${last.run.counts.changed} changed`}
        />
      </Card>

      <Card title="Coverage by policy type" description="Which families of Intune policies the inventory holds, and from which sync.">
        {coverage.length === 0 ? (
          <EmptyState title="No policy type covered yet">Coverage appears once a sync has listed at least one family of policies.</EmptyState>
        ) : (
          <div className="space-y-4">
            {notCurrent.length > 0 ? (
              <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
                The last sync did not cover {notCurrent.map((type) => type.label).join(", ")}: what the inventory shows for{" "}
                {notCurrent.length === 1 ? "it" : "them"} is older.
              </p>
            ) : null}
            <DataTable
              caption="Coverage by policy type"
              columns={coverageColumns}
              rows={coverage}
              rowKey={(type) => type.policyType}
              rowData={(type) => ({ "data-policy-type": type.policyType })}
            />
          </div>
        )}
      </Card>
    </OperationPage>
  );
}

type Summary = ApiOutputs["operations"]["summary"];
type FamilyCoverage = Summary["coverage"][number];
type ListedItem = ApiOutputs["inventory"]["list"]["items"][number];

const coverageColumns: readonly Column<FamilyCoverage>[] = [
  { key: "type", header: "Policy type", className: "font-medium text-slate-900", cell: (type) => type.label },
  { key: "policies", header: "Policies", align: "end", className: "tabular-nums", cell: (type) => type.latest.items },
  { key: "changed", header: "Changed", align: "end", className: "tabular-nums", cell: (type) => type.latest.changed },
  {
    key: "synced",
    header: "Synced",
    className: "whitespace-nowrap text-slate-600",
    cell: (type) => (
      <Link to={routes.run(type.latest.runId)} className="hover:underline">
        <TimeStamp value={type.latest.syncedAt} />
      </Link>
    ),
  },
  {
    key: "state",
    header: "State",
    cell: (type) =>
      !type.inLastSync ? (
        <Pill tone="amber">Not in the last sync</Pill>
      ) : type.latest.truncated ? (
        <Pill tone="amber">Partly listed</Pill>
      ) : (
        <Pill tone="emerald">Current</Pill>
      ),
  },
];

/**
 * Listed by an older sync but not by the newest one that listed its policy type: it may have been
 * deleted in Intune since. Items a sync still in progress has seen are newer than that listing.
 */
function missingFromLatestListing(item: ListedItem, coverage: FamilyCoverage | undefined): boolean {
  if (!coverage) return false;
  return item.lastSeenRunId !== coverage.latest.runId && new Date(item.lastSeenAt) < new Date(coverage.latest.syncedAt);
}

function policyColumns(coverageOfType: ReadonlyMap<string, FamilyCoverage>): readonly Column<ListedItem>[] {
  return [
    {
      key: "name",
      header: "Name",
      width: "w-1/2",
      cell: (item) => (
        <>
          <p className="break-words font-medium text-slate-900">{item.displayName}</p>
          <p className="truncate font-mono text-xs text-slate-500" title={item.externalId}>
            {item.externalId}
          </p>
        </>
      ),
    },
    {
      key: "modified",
      header: "Modified in Intune",
      width: "w-1/4",
      className: "whitespace-nowrap text-slate-600",
      cell: (item) => (item.lastModifiedAt ? <TimeStamp value={item.lastModifiedAt} /> : "—"),
    },
    {
      key: "listed",
      header: "Last listed",
      width: "w-1/4",
      className: "text-slate-600",
      cell: (item) => (
        <>
          {item.lastSeenRunId ? (
            <Link to={routes.run(item.lastSeenRunId)} className="hover:underline">
              <TimeStamp value={item.lastSeenAt} />
            </Link>
          ) : (
            <TimeStamp value={item.lastSeenAt} />
          )}
          {missingFromLatestListing(item, coverageOfType.get(item.policyType)) ? (
            <span className="ml-2">
              <Pill tone="amber">Not in the latest listing</Pill>
            </span>
          ) : null}
        </>
      ),
    },
  ];
}

/** The policies themselves: grouped by type with their names, filtered by type and searched by name or id. */
function Policies({ syncing }: { syncing: boolean }) {
  const { summary, search, items } = useLoaderData<typeof loader>();
  const { tenant } = useTenant();
  const fillHint = useFillHint("inventory.sync", { active: syncing, meanwhile: "A sync is running: policies appear here as it finishes each policy type." });
  const coverageOfType = new Map(summary.coverage.map((type) => [type.policyType, type]));
  const label = (policyType: string) => coverageOfType.get(policyType)?.label ?? describe({ policyFamily: policyType });
  const total = items.counts.reduce((sum, type) => sum + type.items, 0);
  // Grouped here, in the page's own order: the API pages by when items were last seen.
  const byType = new Map<string, ListedItem[]>();
  for (const item of items.items) byType.set(item.policyType, [...(byType.get(item.policyType) ?? []), item]);
  const groups = [...byType]
    .map(([policyType, list]) => ({ policyType, list: list.sort((a, b) => a.displayName.localeCompare(b.displayName)) }))
    .sort((a, b) => label(a.policyType).localeCompare(label(b.policyType)));
  const filtered = inventorySearch.filtered(search);
  const unfiltered = routes.tenantInventory(tenant.slug);
  const columns = policyColumns(coverageOfType);

  return (
    <ListCard
      title="Policies"
      description="What the inventory holds, by policy type, as the syncs last listed it."
      search={{
        label: "Search policies",
        value: search.q,
        placeholder: "Name or Intune id",
        keep: { type: search.type },
        clearHref: filtered ? unfiltered : undefined,
      }}
      chips={{
        label: "Policy types",
        chips:
          items.counts.length === 0
            ? []
            : [
                { value: "", label: "All", count: total, href: routes.tenantInventory(tenant.slug, inventorySearch.next(search, { type: undefined })), current: search.type === undefined },
                ...items.counts.map((type) => ({
                  value: type.policyType,
                  label: label(type.policyType),
                  count: type.items,
                  href: routes.tenantInventory(tenant.slug, inventorySearch.next(search, { type: type.policyType })),
                  current: search.type === type.policyType,
                })),
              ],
      }}
    >

      {groups.length === 0 ? (
        filtered ? (
          <EmptyState title="No policies match" action={<Link to={unfiltered} className={buttonClass.secondary}>Show all policies</Link>}>
            Nothing in the inventory {search.q ? <>matches “{search.q}”</> : null}
            {search.q && search.type ? " among " : search.type ? "is of type " : null}
            {search.type ? label(search.type) : null}.
          </EmptyState>
        ) : (
          <EmptyState title="The inventory is empty">
            {fillHint}
          </EmptyState>
        )
      ) : (
        <div className="space-y-6">
          {groups.map(({ policyType, list }) => {
            const count = items.counts.find((type) => type.policyType === policyType)?.items ?? list.length;
            return (
              <section key={policyType} aria-labelledby={`type-${policyType}`} data-policy-group={policyType}>
                <h3 id={`type-${policyType}`} className="mb-2 text-sm font-semibold text-slate-800">
                  {label(policyType)}{" "}
                  <span className="font-normal text-slate-500">· {count === list.length ? count : `${list.length} of ${count} on this page`}</span>
                </h3>
                <DataTable
                  variant="boxed"
                  caption={`${label(policyType)} policies`}
                  columns={columns}
                  rows={list}
                  rowKey={(item) => item.id}
                  rowData={(item) => ({ "data-inventory-item": item.id })}
                />
              </section>
            );
          })}
        </div>
      )}

      <Pager
        firstPage={inventorySearch.paged(search) ? routes.tenantInventory(tenant.slug, inventorySearch.next(search)) : undefined}
        nextPage={items.nextCursor ? routes.tenantInventory(tenant.slug, inventorySearch.next(search, { cursor: items.nextCursor })) : undefined}
      />
    </ListCard>
  );
}
