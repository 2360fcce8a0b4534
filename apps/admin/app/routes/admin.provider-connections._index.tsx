import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { attempt, load } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import { BlockedOperations, LastWord } from "../connections/connection-standing";
import { ConnectionFlags, LastCheck } from "../connections/connection-state";
import { DataTable, type Column } from "../lists/data-table";
import { ListCard } from "../lists/list-card";
import { listSearch, pageCursor, searchText } from "../lists/list-search";
import { Pager } from "../lists/pager";
import { pagesOrFirstPage } from "../lists/stale-cursor.server";
import type { ApiOutputs } from "../live/trpc";
import { EmptyState, PageHeader, Pill, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { StartControl } from "../start/start-control";
import { tenantColumn } from "../tenants/tenant-column";
import { routes, isUuid, type ConnectionsSearch } from "@tenantpilot/dispatch-gate/contract";

export const meta: MetaFunction = () => [{ title: "Provider connections · TenantPilot Gate" }];

/** Tenants per page (each with all its connections). */
const PAGE_SIZE = 50;

/** The list's search and page position in the URL (cut to the API's limits). */
const connectionsSearch = listSearch<ConnectionsSearch>({ q: searchText(), cursor: pageCursor() }, { pages: ["cursor"] });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = connectionsSearch.parse(new URL(request.url).searchParams);
  const read = await attempt(
    request,
    context.api.connections.list({
      limit: PAGE_SIZE,
      ...(search.q ? { search: search.q } : {}),
      ...(search.cursor ? { cursor: search.cursor } : {}),
    }),
  );
  const [connections] = pagesOrFirstPage([read], {
    paged: connectionsSearch.paged(search),
    firstPage: routes.connections(connectionsSearch.next(search)),
  });
  // Connections are added per tenant; the form offers the tenants where the viewer may add one.
  const canAdd = (context.viewer?.workspaces ?? []).some((workspace) => workspace.capabilities.includes("connections.manage"));
  return { search, connections, canAdd };
}

/** The connection-scoped check of a row: a gate start on that connection's tenant. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const connectionId = form.get("target");
  if (typeof connectionId !== "string" || !isUuid(connectionId)) throw notFound("No such provider connection.");
  const { tenant } = await load(request, context.api.connections.detail({ connectionId }));
  return startFromForm(request, context, tenant.slug, form);
}

type ConnectionRow = ApiOutputs["connections"]["list"]["items"][number];

const expiryTones = { none: "slate", ok: "emerald", expiring: "amber", expired: "rose" } as const;

/** The secret's end in the API's words (state, days left), toned by how soon: what warns ahead of time. */
function SecretExpiryCell({ expiry }: { expiry: ConnectionRow["secretExpiry"] }) {
  return (
    <span data-secret-expiry={expiry.state} data-days-left={expiry.daysLeft ?? undefined}>
      <Pill tone={expiryTones[expiry.state]}>{expiry.words}</Pill>
    </span>
  );
}
const connectionColumns: readonly Column<ConnectionRow>[] = [
  {
    key: "connection",
    header: "Connection",
    cell: (connection) => (
      <>
        <Link to={routes.connection(connection.id)} className="font-medium text-slate-900 hover:underline">
          {connection.displayName}
        </Link>
        <div className="mt-1">
          <ConnectionFlags connection={connection} />
        </div>
      </>
    ),
  },
  tenantColumn((connection) => connection.tenant),
  {
    key: "blocks",
    header: "What it blocks now",
    className: "max-w-lg space-y-1",
    cell: (connection) => (
      <>
        {connection.isPrimary ? null : (
          <p className="text-slate-500">Not the primary connection: operations do not use it. As primary it would answer:</p>
        )}
        {connection.standing ? (
          <>
            <BlockedOperations standing={connection.standing} />
            <LastWord standing={connection.standing} />
          </>
        ) : null}
      </>
    ),
  },
  {
    key: "secret",
    header: "Client secret",
    cell: (connection) => (connection.hasSecret ? <SecretExpiryCell expiry={connection.secretExpiry} /> : <span className="text-slate-500">—</span>),
  },
  {
    key: "check",
    header: "Last check",
    cell: (connection) => (
      <div className="space-y-2">
        <LastCheck lastCheck={connection.lastCheck} />
        {connection.capabilities.includes("operations.start") ? (
          <StartControl
            operation="connection.check"
            target={connection.id}
            targetLabel={connection.displayName}
            buttonTargetLabel={connection.displayName}
            preview={undefined}
          />
        ) : null}
      </div>
    ),
  },
];

export default function Connections() {
  const { search, connections, canAdd } = useLoaderData<typeof loader>();
  const filtered = connectionsSearch.filtered(search);
  return (
    <>
      <PageHeader
        title="Provider connections"
        description="Each tenant reaches Microsoft Graph through its primary connection: an Entra app registration with admin consent and a client secret."
        actions={
          canAdd ? (
            <Link to={routes.newConnection()} className={buttonClass.secondary}>
              Add a provider connection
            </Link>
          ) : undefined
        }
      />
      <ListCard
        title="Connections by tenant"
        description="Tenants in name order, each with all its connections."
        search={{
          label: "Search connections",
          value: search.q,
          placeholder: "Tenant name or short name, connection name",
          clearHref: filtered ? routes.connections() : undefined,
        }}
      >
        {connections.items.length === 0 ? (
          search.q ? (
            <EmptyState title={`No provider connections match “${search.q}”`} />
          ) : (
            <EmptyState title="No provider connections yet">Onboarding a tenant creates its first connection.</EmptyState>
          )
        ) : (
          <DataTable
            caption="Provider connections"
            columns={connectionColumns}
            rows={connections.items}
            rowKey={(connection) => connection.id}
            rowData={(connection) => ({ "data-connection": connection.id })}
          />
        )}
        <Pager
          label="Connection pages"
          firstPage={search.cursor ? routes.connections(connectionsSearch.next(search)) : undefined}
          nextPage={
            connections.nextCursor
              ? routes.connections(
                  connectionsSearch.next(search, {
                    cursor: connections.nextCursor,
                  }),
                )
              : undefined
          }
        />
      </ListCard>
    </>
  );
}
