import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { describe, isActiveRunStatus, runHref } from "@tenantpilot/dispatch-gate/contract";
import { ReasonExplanation, RunStatusBadge, TimeStamp } from "@tenantpilot/ui";
import { attempt, load } from "../api/api-call.server";
import { coverageByType, coverageOf, type TypeCoverage } from "../inventory/coverage";
import { OperationCard } from "../operations/operation-card";
import { LiveRunStatus } from "../runs/live-run-status";
import { Card, EmptyState, Pill, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";
import { queryHref } from "../lists/query-href";

/** How many finished syncs are read to date families the newest sync did not reach. */
const HISTORY = 5;

/** Policies per page: a sandbox tenant has a few dozen, so one page usually holds them all. */
const PAGE_SIZE = 100;

/** The policy list's filters as they live in the URL (?type=&q=&cursor=). */
interface ItemFilters {
  type?: string;
  q?: string;
  cursor?: string;
}

function itemFiltersFrom(params: URLSearchParams): ItemFilters {
  // Cut to the API's limits, so that only a stale or edited cursor can be refused.
  const type = params.get("type")?.trim().slice(0, 100);
  const q = params.get("q")?.trim().slice(0, 200);
  const cursor = params.get("cursor");
  return { ...(type ? { type } : {}), ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) };
}

/** This page's URL with some filters changed; the cursor resets unless given. */
function itemsHref(filters: ItemFilters, changes: Partial<ItemFilters> = {}): string {
  const next: ItemFilters = { ...filters, cursor: undefined, ...changes };
  return queryHref(".", { type: next.type, q: next.q, cursor: next.cursor });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  const url = new URL(request.url);
  const filters = itemFiltersFrom(url.searchParams);
  const [runs, listed] = await Promise.all([
    load(request, context.api.operations.list({ tenant, operation: "inventory.sync", limit: 20 })),
    attempt(
      request,
      context.api.inventory.list({
        tenant,
        limit: PAGE_SIZE,
        ...(filters.type ? { policyType: filters.type } : {}),
        ...(filters.q ? { search: filters.q } : {}),
        ...(filters.cursor ? { cursor: filters.cursor } : {}),
      }),
    ),
  ]);
  if (!listed.ok) {
    // A cursor this API did not hand out (an edited or very old link): start from the first page.
    if (filters.cursor) {
      const firstPage = itemsHref(filters);
      throw redirect(firstPage === "." ? url.pathname : `${url.pathname}${firstPage}`);
    }
    throw new Error(listed.problem.message);
  }
  const active = runs.items.find((run) => isActiveRunStatus(run.status)) ?? null;
  const finished = runs.items.filter((run) => !isActiveRunStatus(run.status)).slice(0, HISTORY);
  const [activeDetail, ...details] = await Promise.all([
    active ? load(request, context.api.operations.detail({ runId: active.id })) : null,
    ...finished.map((run) => load(request, context.api.operations.detail({ runId: run.id }))),
  ]);
  const last = details[0] ?? null;
  return {
    activeDetail,
    last: last ? { run: last.run, reason: last.reason, counts: last.counts } : null,
    coverage: coverageByType(details.flatMap((detail) => (detail ? [{ runId: detail.run.id, coverage: coverageOf(detail.diagnostics) }] : []))),
    filters,
    items: listed.value,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

export default function Inventory() {
  const { activeDetail, last, coverage } = useLoaderData<typeof loader>();
  const { tenant, readiness } = useTenant();
  const sync = readiness.find((entry) => entry.operation === "inventory.sync");
  const notCurrent = coverage.filter((type) => !type.inLastSync);

  return (
    <div className="space-y-6">
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <Card title="Last inventory sync">
            {last === null ? (
              <EmptyState title="Never synced">Sync the inventory to read this tenant&apos;s Intune policies.</EmptyState>
            ) : (
              <div className="space-y-3 text-sm" data-last-sync={last.run.status}>
                <p className="flex flex-wrap items-center gap-2">
                  <RunStatusBadge status={last.run.status} />
                  <span className="text-slate-700">
                    <TimeStamp value={last.run.finishedAt ?? last.run.createdAt} /> · {last.counts.seen} policies listed,{" "}
                    {last.counts.changed} changed
                  </span>
                  <Link to={runHref(last.run.id)} className={buttonClass.link}>
                    View run
                  </Link>
                </p>
                {last.reason ? (
                  <div className="rounded-md border border-rose-200 bg-rose-50 p-3 text-rose-950">
                    <ReasonExplanation reason={last.reason.code} message={last.reason.message} nextStep={last.reason.nextStep} />
                  </div>
                ) : null}
              </div>
            )}
            {activeDetail ? (
              <div className="mt-4 rounded-lg border border-sky-200 bg-sky-50/60 p-4">
                <p className="mb-2 text-xs font-medium uppercase tracking-wide text-sky-800">In progress</p>
                <LiveRunStatus initial={activeDetail} />
              </div>
            ) : null}
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
                <table className="min-w-full text-left text-sm">
                  <caption className="sr-only">Coverage by policy type</caption>
                  <thead>
                    <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                      <th scope="col" className="py-2 pr-4 font-medium">Policy type</th>
                      <th scope="col" className="py-2 pr-4 text-right font-medium">Policies</th>
                      <th scope="col" className="py-2 pr-4 text-right font-medium">Changed</th>
                      <th scope="col" className="py-2 pr-4 font-medium">Synced</th>
                      <th scope="col" className="py-2 font-medium">State</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {coverage.map((type) => (
                      <tr key={type.policyType} data-policy-type={type.policyType}>
                        <td className="py-3 pr-4 font-medium text-slate-900">{type.label}</td>
                        <td className="py-3 pr-4 text-right tabular-nums">{type.latest.items}</td>
                        <td className="py-3 pr-4 text-right tabular-nums">{type.latest.changed}</td>
                        <td className="whitespace-nowrap py-3 pr-4 text-slate-600">
                          <Link to={runHref(type.latest.runId)} className="hover:underline">
                            <TimeStamp value={type.latest.syncedAt} />
                          </Link>
                        </td>
                        <td className="py-3">
                          {!type.inLastSync ? (
                            <Pill tone="amber">Not in the last sync</Pill>
                          ) : type.latest.truncated ? (
                            <Pill tone="amber">Partly listed</Pill>
                          ) : (
                            <Pill tone="emerald">Current</Pill>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>
        {sync ? (
          <div>
            <OperationCard operation="inventory.sync" targetLabel={tenant.displayName} preview={sync.preview} canStart={tenant.capabilities.includes("operations.start")} />
          </div>
        ) : null}
      </div>
      <Policies syncing={activeDetail !== null} />
    </div>
  );
}

type ListedItem = ReturnType<typeof useLoaderData<typeof loader>>["items"]["items"][number];

/**
 * Listed by an older sync but not by the newest one that listed its policy type: it may have been
 * deleted in Intune since. Items a sync still in progress has seen are newer than that listing.
 */
function missingFromLatestListing(item: ListedItem, coverage: TypeCoverage | undefined): boolean {
  if (!coverage) return false;
  return item.lastSeenRunId !== coverage.latest.runId && new Date(item.lastSeenAt) < new Date(coverage.latest.syncedAt);
}

const chipClass = (current: boolean) =>
  `inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-sm ${current ? "bg-slate-900 text-white" : "text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-slate-100"}`;

/** The policies themselves: grouped by type with their names, filtered by type and searched by name or id. */
function Policies({ syncing }: { syncing: boolean }) {
  const { coverage, filters, items } = useLoaderData<typeof loader>();
  const { tenant } = useTenant();
  const coverageOfType = new Map(coverage.map((type) => [type.policyType, type]));
  const label = (policyType: string) => coverageOfType.get(policyType)?.label ?? describe({ policyFamily: policyType });
  const total = items.counts.reduce((sum, type) => sum + type.items, 0);
  // Grouped here, in the page's own order: the API pages by when items were last seen.
  const byType = new Map<string, ListedItem[]>();
  for (const item of items.items) byType.set(item.policyType, [...(byType.get(item.policyType) ?? []), item]);
  const groups = [...byType]
    .map(([policyType, list]) => ({ policyType, list: list.sort((a, b) => a.displayName.localeCompare(b.displayName)) }))
    .sort((a, b) => label(a.policyType).localeCompare(label(b.policyType)));
  const filtered = filters.type !== undefined || filters.q !== undefined;

  return (
    <Card title="Policies" description="What the inventory holds, by policy type, as the syncs last listed it.">
      <div className="mb-5 space-y-3">
        <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
          {filters.type ? <input type="hidden" name="type" value={filters.type} /> : null}
          <label className="min-w-64 flex-1 space-y-1 text-sm font-medium text-slate-700">
            <span>Search policies</span>
            <input
              type="search"
              name="q"
              defaultValue={filters.q ?? ""}
              maxLength={200}
              placeholder="Name or Intune id"
              className="block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900"
            />
          </label>
          <button type="submit" className={buttonClass.secondary}>
            Search
          </button>
          {filtered ? (
            <Link to="." className={`${buttonClass.link} py-2 text-sm`}>
              Clear
            </Link>
          ) : null}
        </Form>
        {items.counts.length > 0 ? (
          <nav aria-label="Policy types" className="flex flex-wrap gap-2">
            <Link to={itemsHref(filters, { type: undefined })} aria-current={filters.type === undefined ? "true" : undefined} className={chipClass(filters.type === undefined)}>
              All <span className="tabular-nums opacity-75">{total}</span>
            </Link>
            {items.counts.map((type) => (
              <Link
                key={type.policyType}
                to={itemsHref(filters, { type: type.policyType })}
                aria-current={filters.type === type.policyType ? "true" : undefined}
                className={chipClass(filters.type === type.policyType)}
              >
                {label(type.policyType)} <span className="tabular-nums opacity-75">{type.items}</span>
              </Link>
            ))}
          </nav>
        ) : null}
      </div>

      {groups.length === 0 ? (
        filtered ? (
          <EmptyState title="No policies match" action={<Link to="." className={buttonClass.secondary}>Show all policies</Link>}>
            Nothing in the inventory {filters.q ? <>matches “{filters.q}”</> : null}
            {filters.q && filters.type ? " among " : filters.type ? "is of type " : null}
            {filters.type ? label(filters.type) : null}.
          </EmptyState>
        ) : (
          <EmptyState title="The inventory is empty">
            {syncing
              ? "A sync is running: policies appear here as it finishes each policy type."
              : tenant.capabilities.includes("operations.start")
                ? "Run Sync inventory to fill this."
                : "An operator runs Sync inventory to fill this."}
          </EmptyState>
        )
      ) : (
        <div className="space-y-6">
          {groups.map(({ policyType, list }) => {
            const count = items.counts.find((type) => type.policyType === policyType)?.items ?? list.length;
            const typeCoverage = coverageOfType.get(policyType);
            return (
              <section key={policyType} aria-labelledby={`type-${policyType}`} data-policy-group={policyType}>
                <h3 id={`type-${policyType}`} className="mb-2 text-sm font-semibold text-slate-800">
                  {label(policyType)}{" "}
                  <span className="font-normal text-slate-500">
                    · {count === list.length ? count : `${list.length} of ${count} on this page`}
                  </span>
                </h3>
                <div className="overflow-x-auto rounded-lg border border-slate-200">
                  {/* Fixed widths line the columns up from one policy type's table to the next. */}
                  <table className="min-w-full table-fixed text-left text-sm">
                    <caption className="sr-only">{label(policyType)} policies</caption>
                    <thead className="bg-slate-50">
                      <tr className="text-xs uppercase tracking-wide text-slate-500">
                        <th scope="col" className="w-1/2 px-4 py-2 font-medium">Name</th>
                        <th scope="col" className="w-1/4 px-4 py-2 font-medium">Modified in Intune</th>
                        <th scope="col" className="w-1/4 px-4 py-2 font-medium">Last listed</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {list.map((item) => (
                        <tr key={item.id} data-inventory-item={item.id} className="align-top">
                          <td className="px-4 py-2.5">
                            <p className="break-words font-medium text-slate-900">{item.displayName}</p>
                            <p className="truncate font-mono text-xs text-slate-500" title={item.externalId}>{item.externalId}</p>
                          </td>
                          <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">
                            {item.lastModifiedAt ? <TimeStamp value={item.lastModifiedAt} /> : "—"}
                          </td>
                          <td className="px-4 py-2.5 text-slate-600">
                            {item.lastSeenRunId ? (
                              <Link to={runHref(item.lastSeenRunId)} className="hover:underline">
                                <TimeStamp value={item.lastSeenAt} />
                              </Link>
                            ) : (
                              <TimeStamp value={item.lastSeenAt} />
                            )}
                            {missingFromLatestListing(item, typeCoverage) ? (
                              <span className="ml-2">
                                <Pill tone="amber">Not in the latest listing</Pill>
                              </span>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            );
          })}
        </div>
      )}

      {filters.cursor || items.nextCursor ? (
        <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
          {filters.cursor ? (
            <Link to={itemsHref(filters)} className={buttonClass.link}>
              ← First page
            </Link>
          ) : (
            <span />
          )}
          {items.nextCursor ? (
            <Link to={itemsHref(filters, { cursor: items.nextCursor })} className={buttonClass.link}>
              Next page →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </Card>
  );
}
