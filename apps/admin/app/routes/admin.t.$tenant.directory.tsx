import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { routes, type DirectorySearch, type ListedObjects } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { attempt, load } from "../api/api-call.server";
import { DataTable, type Column } from "../lists/data-table";
import { listSearch, pageCursor, searchText } from "../lists/list-search";
import { Pager } from "../lists/pager";
import { ListCard } from "../lists/list-card";
import { pagesOrFirstPage } from "../lists/stale-cursor.server";
import type { ApiOutputs } from "../live/trpc";
import { OperationPage, useFillHint } from "../operations/operation-page";
import { OperationSummary } from "../runs/operation-summary";
import { Card, EmptyState, Pill } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";

/** Rows per table page. */
const PAGE_SIZE = 50;

/** The tables' search and their own page positions in the URL (cut to the API's limits). */
const directorySearch = listSearch<DirectorySearch>({ q: searchText(), users: pageCursor(), groups: pageCursor() }, { pages: ["users", "groups"] });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  const search = directorySearch.parse(new URL(request.url).searchParams);
  const list = (kind: "user" | "group", cursor: string | undefined) =>
    attempt(request, context.api.directory.list({ tenant, kind, limit: PAGE_SIZE, ...(search.q ? { search: search.q } : {}), ...(cursor ? { cursor } : {}) }));
  const [summary, userRead, groupRead] = await Promise.all([
    load(request, context.api.operations.summary({ tenant, operation: "directory.sync" })),
    list("user", search.users),
    list("group", search.groups),
  ]);
  const [users, groups] = pagesOrFirstPage([userRead, groupRead], { paged: directorySearch.paged(search), firstPage: routes.tenantDirectory(tenant, directorySearch.next(search)) });
  return { summary, search, users, groups };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

function ListedTile({ title, listed }: { title: string; listed: ListedObjects | undefined }) {
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
  const { summary } = useLoaderData<typeof loader>();
  return (
    <OperationPage operation="directory.sync" list={<DirectoryObjects syncing={summary.active !== null} />}>
      <Card title="Directory" description="Users and groups of the tenant's Microsoft Entra ID, as of the last directory sync.">
        <OperationSummary summary={summary} never={<EmptyState title="Never synced">Sync the directory to read this tenant&apos;s users and groups.</EmptyState>}>
          {(last) => (
            <div className="grid grid-cols-2 gap-3">
              <ListedTile title="Users" listed={last.diagnostics.directory?.users} />
              <ListedTile title="Groups" listed={last.diagnostics.directory?.groups} />
            </div>
          )}
        </OperationSummary>
      </Card>
    </OperationPage>
  );
}

type Listing = ApiOutputs["directory"]["list"];

/** The two tables: what each lists, its second column, and its page position in the URL. */
const objectKinds = [
  { kind: "user", title: "Users", nameColumn: "User principal name", cursorKey: "users" },
  { kind: "group", title: "Groups", nameColumn: "Mail", cursorKey: "groups" },
] as const;

type DirectoryRow = Listing["items"][number];

/** Users and groups, each in its own table with its own pages, searched together. */
function DirectoryObjects({ syncing }: { syncing: boolean }) {
  const { summary, search, users, groups } = useLoaderData<typeof loader>();
  const { tenant } = useTenant();
  const emptyHint = useFillHint("directory.sync", { active: syncing, meanwhile: "A directory sync is running: users and groups appear here when it has listed them." });
  const last = summary.last;
  const listed = last?.diagnostics.directory;
  // Objects the last finished sync listed were written after it started; older ones it did not return.
  const listingStart = last?.run.startedAt ?? null;

  return (
    <ListCard
      title="Users and groups"
      description="As the directory syncs last listed them."
      search={{
        label: "Search users and groups",
        value: search.q,
        placeholder: "Name, user principal name or mail",
        clearHref: search.q ? routes.tenantDirectory(tenant.slug) : undefined,
      }}
    >
      <div className="grid grid-cols-1 gap-6 2xl:grid-cols-2">
        {objectKinds.map((kind) => (
          <ObjectTable
            key={kind.kind}
            {...kind}
            listing={kind.kind === "user" ? users : groups}
            total={(kind.kind === "user" ? users : groups).counts[kind.kind]}
            listedSince={listed?.[kind.cursorKey] ? listingStart : null}
            emptyHint={emptyHint}
          />
        ))}
      </div>
    </ListCard>
  );
}

function objectColumns(nameColumn: string, listedSince: Date | string | null): readonly Column<DirectoryRow>[] {
  return [
    { key: "name", header: "Name", width: "w-1/3", className: "break-words font-medium text-slate-900", cell: (row) => row.displayName },
    { key: "principal", header: nameColumn, width: "w-5/12", className: "break-all text-slate-600", cell: (row) => row.principalName ?? "—" },
    {
      key: "listed",
      header: "Last listed",
      width: "w-1/4",
      className: "text-slate-600",
      cell: (row) => (
        <>
          <TimeStamp value={row.lastSeenAt} />
          {listedSince !== null && new Date(row.lastSeenAt) < new Date(listedSince) ? (
            <span className="ml-2">
              <Pill tone="amber">Not in the latest listing</Pill>
            </span>
          ) : null}
        </>
      ),
    },
  ];
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
  const { search } = useLoaderData<typeof loader>();
  const { tenant } = useTenant();
  const rows = [...listing.items].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const headingId = `directory-${kind}`;
  // Paging one table keeps the other where it is.
  const otherKey = cursorKey === "users" ? "groups" : "users";
  const keepOther = { [otherKey]: search[otherKey] };
  return (
    <section aria-labelledby={headingId} data-directory-kind={kind}>
      <h3 id={headingId} className="mb-2 text-sm font-semibold text-slate-800">
        {title} <span className="font-normal text-slate-500">· {rows.length === total ? total : `${rows.length} of ${total} on this page`}</span>
      </h3>
      {rows.length === 0 ? (
        search.q ? (
          <EmptyState title={`No ${title.toLowerCase()} match “${search.q}”`} />
        ) : (
          <EmptyState title={`No ${title.toLowerCase()} yet`}>{emptyHint}</EmptyState>
        )
      ) : (
        <DataTable
          variant="boxed"
          caption={title}
          columns={objectColumns(nameColumn, listedSince)}
          rows={rows}
          rowKey={(row) => row.id}
          rowData={(row) => ({ "data-directory-object": row.id })}
        />
      )}
      <Pager
        label={`${title} pages`}
        firstPage={search[cursorKey] ? routes.tenantDirectory(tenant.slug, directorySearch.next(search, keepOther)) : undefined}
        nextPage={listing.nextCursor ? routes.tenantDirectory(tenant.slug, directorySearch.next(search, { ...keepOther, [cursorKey]: listing.nextCursor })) : undefined}
      />
    </section>
  );
}
