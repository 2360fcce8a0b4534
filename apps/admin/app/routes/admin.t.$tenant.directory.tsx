import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { isActiveRunStatus, runHref } from "@tenantpilot/dispatch-gate/contract";
import { ReasonExplanation, RunStatusBadge, TimeStamp } from "@tenantpilot/ui";
import { attempt, load } from "../api/api-call.server";
import { OperationCard } from "../operations/operation-card";
import { LiveRunStatus } from "../runs/live-run-status";
import { Card, EmptyState, Pill, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";
import { queryHref } from "../lists/query-href";

interface Listed {
  items: number;
  truncated: boolean;
  syncedAt: string;
}

/** What directory.sync records per object kind (apps/worker/src/tasks/directory-sync.ts). */
function listedOf(diagnostics: unknown, kind: "users" | "groups"): Listed | null {
  const directory = (diagnostics as { directory?: Record<string, unknown> } | null)?.directory;
  const entry = directory?.[kind] as Partial<Listed> | undefined;
  if (!entry || typeof entry.items !== "number" || typeof entry.syncedAt !== "string") return null;
  return { items: entry.items, truncated: entry.truncated === true, syncedAt: entry.syncedAt };
}

/** Rows per table page. */
const PAGE_SIZE = 50;

/** The tables' search and their own page positions as they live in the URL (?q=&users=&groups=). */
interface DirectoryFilters {
  q?: string;
  users?: string;
  groups?: string;
}

function directoryFiltersFrom(params: URLSearchParams): DirectoryFilters {
  // Cut to the API's limit, so that only a stale or edited cursor can be refused.
  const q = params.get("q")?.trim().slice(0, 200);
  const users = params.get("users");
  const groups = params.get("groups");
  return { ...(q ? { q } : {}), ...(users ? { users } : {}), ...(groups ? { groups } : {}) };
}

/** This page's URL with some filters changed; both cursors reset unless given. */
function directoryHref(filters: DirectoryFilters, changes: Partial<DirectoryFilters> = {}): string {
  const next: DirectoryFilters = { ...filters, users: undefined, groups: undefined, ...changes };
  return queryHref(".", { q: next.q, users: next.users, groups: next.groups });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  const url = new URL(request.url);
  const filters = directoryFiltersFrom(url.searchParams);
  const list = (kind: "user" | "group", cursor: string | undefined) =>
    attempt(
      request,
      context.api.directory.list({ tenant, kind, limit: PAGE_SIZE, ...(filters.q ? { search: filters.q } : {}), ...(cursor ? { cursor } : {}) }),
    );
  const [runs, users, groups] = await Promise.all([
    load(request, context.api.operations.list({ tenant, operation: "directory.sync", limit: 10 })),
    list("user", filters.users),
    list("group", filters.groups),
  ]);
  if (!users.ok || !groups.ok) {
    // A cursor this API did not hand out (an edited or very old link): start from the first pages.
    if (filters.users || filters.groups) {
      const firstPages = directoryHref(filters);
      throw redirect(firstPages === "." ? url.pathname : `${url.pathname}${firstPages}`);
    }
    throw new Error(`The directory could not be read: ${[users, groups].flatMap((read) => (read.ok ? [] : [read.problem.message])).join("; ")}`);
  }
  const active = runs.items.find((run) => isActiveRunStatus(run.status));
  const finished = runs.items.find((run) => !isActiveRunStatus(run.status));
  const [activeDetail, last] = await Promise.all([
    active ? load(request, context.api.operations.detail({ runId: active.id })) : null,
    finished ? load(request, context.api.operations.detail({ runId: finished.id })) : null,
  ]);
  return {
    activeDetail,
    last: last ? { run: last.run, reason: last.reason, users: listedOf(last.diagnostics, "users"), groups: listedOf(last.diagnostics, "groups") } : null,
    filters,
    users: users.value,
    groups: groups.value,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

function ListedTile({ title, listed }: { title: string; listed: Listed | null }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50/60 p-4">
      <p className="text-xs font-medium text-slate-500">{title}</p>
      {listed ? (
        <>
          <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{listed.items}</p>
          <p className="mt-1 text-xs text-slate-500">
            Listed <TimeStamp value={listed.syncedAt} /> {listed.truncated ? <Pill tone="amber">Partly listed</Pill> : null}
          </p>
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-600">Not listed by the last sync.</p>
      )}
    </div>
  );
}

export default function Directory() {
  const { activeDetail, last } = useLoaderData<typeof loader>();
  const { tenant, readiness } = useTenant();
  const sync = readiness.find((entry) => entry.operation === "directory.sync");
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <Card title="Directory" description="Users and groups of the tenant's Microsoft Entra ID, as of the last directory sync." className="xl:col-span-2">
          {last === null ? (
            <EmptyState title="Never synced">Sync the directory to read this tenant&apos;s users and groups.</EmptyState>
          ) : (
            <div className="space-y-4">
              <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                <RunStatusBadge status={last.run.status} />
                <TimeStamp value={last.run.finishedAt ?? last.run.createdAt} />
                <Link to={runHref(last.run.id)} className={buttonClass.link}>
                  View run
                </Link>
              </p>
              {last.reason ? (
                <div className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-950">
                  <ReasonExplanation reason={last.reason.code} message={last.reason.message} nextStep={last.reason.nextStep} />
                </div>
              ) : null}
              <div className="grid grid-cols-2 gap-3">
                <ListedTile title="Users" listed={last.users} />
                <ListedTile title="Groups" listed={last.groups} />
              </div>
            </div>
          )}
          {activeDetail ? (
            <div className="mt-4 rounded-lg border border-sky-200 bg-sky-50/60 p-4">
              <LiveRunStatus initial={activeDetail} />
            </div>
          ) : null}
        </Card>
        {sync ? (
          <div>
            <OperationCard operation="directory.sync" targetLabel={tenant.displayName} preview={sync.preview} canStart={tenant.capabilities.includes("operations.start")} />
          </div>
        ) : null}
      </div>
      <DirectoryObjects syncing={activeDetail !== null} />
    </div>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Listing = LoaderData["users"];

/** Users and groups, each in its own table with its own pages, searched together. */
function DirectoryObjects({ syncing }: { syncing: boolean }) {
  const { filters, users, groups, last } = useLoaderData<typeof loader>();
  const { tenant } = useTenant();
  const emptyHint = syncing
    ? "A directory sync is running: users and groups appear here when it has listed them."
    : tenant.capabilities.includes("operations.start")
      ? "Run Sync directory to fill this."
      : "An operator runs Sync directory to fill this.";
  // Objects the last finished sync listed were written after it started; older ones it did not return.
  const listingStart = last?.run.startedAt ?? null;

  return (
    <Card title="Users and groups" description="As the directory syncs last listed them.">
      <Form method="get" role="search" className="mb-5 flex flex-wrap items-end gap-2">
        <label className="min-w-64 flex-1 space-y-1 text-sm font-medium text-slate-700">
          <span>Search users and groups</span>
          <input
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            maxLength={200}
            placeholder="Name, user principal name or mail"
            className="block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900"
          />
        </label>
        <button type="submit" className={buttonClass.secondary}>
          Search
        </button>
        {filters.q ? (
          <Link to="." className={`${buttonClass.link} py-2 text-sm`}>
            Clear
          </Link>
        ) : null}
      </Form>
      <div className="grid grid-cols-1 gap-6 2xl:grid-cols-2">
        <ObjectTable
          kind="user"
          title="Users"
          nameColumn="User principal name"
          listing={users}
          total={users.counts.user}
          listedSince={last?.users ? listingStart : null}
          emptyHint={emptyHint}
          cursorKey="users"
        />
        <ObjectTable
          kind="group"
          title="Groups"
          nameColumn="Mail"
          listing={groups}
          total={groups.counts.group}
          listedSince={last?.groups ? listingStart : null}
          emptyHint={emptyHint}
          cursorKey="groups"
        />
      </div>
    </Card>
  );
}

function ObjectTable({
  kind,
  title,
  nameColumn,
  listing,
  total,
  listedSince,
  emptyHint,
  cursorKey,
}: {
  kind: "user" | "group";
  title: string;
  nameColumn: string;
  listing: Listing;
  total: number;
  /** When the last finished sync that listed this kind started; null when none did. */
  listedSince: Date | string | null;
  emptyHint: string;
  cursorKey: "users" | "groups";
}) {
  const { filters } = useLoaderData<typeof loader>();
  const rows = [...listing.items].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const headingId = `directory-${kind}`;
  // Paging one table keeps the other where it is.
  const otherKey = cursorKey === "users" ? "groups" : "users";
  return (
    <section aria-labelledby={headingId} data-directory-kind={kind}>
      <h3 id={headingId} className="mb-2 text-sm font-semibold text-slate-800">
        {title} <span className="font-normal text-slate-500">· {rows.length === total ? total : `${rows.length} of ${total} on this page`}</span>
      </h3>
      {rows.length === 0 ? (
        filters.q ? (
          <EmptyState title={`No ${title.toLowerCase()} match “${filters.q}”`} />
        ) : (
          <EmptyState title={`No ${title.toLowerCase()} yet`}>{emptyHint}</EmptyState>
        )
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200">
          {/* Fixed widths line the users' and the groups' columns up. */}
          <table className="min-w-full table-fixed text-left text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="bg-slate-50">
              <tr className="text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="w-1/3 px-4 py-2 font-medium">Name</th>
                <th scope="col" className="w-5/12 px-4 py-2 font-medium">{nameColumn}</th>
                <th scope="col" className="w-1/4 px-4 py-2 font-medium">Last listed</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} data-directory-object={row.id} className="align-top">
                  <td className="break-words px-4 py-2.5 font-medium text-slate-900">{row.displayName}</td>
                  <td className="break-all px-4 py-2.5 text-slate-600">{row.principalName ?? "—"}</td>
                  <td className="px-4 py-2.5 text-slate-600">
                    <TimeStamp value={row.lastSeenAt} />
                    {listedSince !== null && new Date(row.lastSeenAt) < new Date(listedSince) ? (
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
      )}
      {filters[cursorKey] || listing.nextCursor ? (
        <nav aria-label={`${title} pages`} className="mt-3 flex justify-between text-sm">
          {filters[cursorKey] ? (
            <Link to={directoryHref(filters, { [otherKey]: filters[otherKey] })} className={buttonClass.link}>
              ← First page
            </Link>
          ) : (
            <span />
          )}
          {listing.nextCursor ? (
            <Link to={directoryHref(filters, { [otherKey]: filters[otherKey], [cursorKey]: listing.nextCursor })} className={buttonClass.link}>
              Next page →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
