import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { load } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import { BlockedOperations, LastWord } from "../connections/connection-standing";
import { ConnectionFlags, LastCheck } from "../connections/connection-state";
import { DataTable, type Column } from "../lists/data-table";
import type { ApiOutputs } from "../live/trpc";
import { Card, EmptyState, PageHeader, Pill, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { StartControl } from "../start/start-control";
import { tenantColumn } from "../tenants/tenant-column";
import { routes, isUuid } from "@tenantpilot/dispatch-gate/contract";

export const meta: MetaFunction = () => [{ title: "Provider connections · TenantPilot Gate" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [connections, tenants] = await Promise.all([load(request, context.api.connections.list({})), load(request, context.api.tenants.list({ limit: 200, readiness: [] }))]);
  return { connections, tenants: tenants.items };
}

/** The connection-scoped check of a row: a gate start on that connection's tenant. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const connectionId = form.get("target");
  if (typeof connectionId !== "string" || !isUuid(connectionId)) throw notFound("No such provider connection.");
  const { tenant } = await load(request, context.api.connections.detail({ connectionId }));
  return startFromForm(request, context, tenant.slug, form);
}

type ConnectionRow = ApiOutputs["connections"]["list"][number];

const expiryTones = { none: "slate", ok: "emerald", expiring: "amber", expired: "rose" } as const;

/** The secret's end in the API's words (state, days left), toned by how soon: what warns ahead of time. */
function SecretExpiryCell({ expiry }: { expiry: ConnectionRow["secretExpiry"] }) {
  return (
    <span data-secret-expiry={expiry.state} data-days-left={expiry.daysLeft ?? undefined}>
      <Pill tone={expiryTones[expiry.state]}>{expiry.words}</Pill>
    </span>
  );
}
type TenantRow = ApiOutputs["tenants"]["list"]["items"][number];

function connectionColumns(tenants: readonly TenantRow[]): readonly Column<ConnectionRow>[] {
  return [
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
          {connection.isPrimary ? null : <p className="text-slate-500">Not the primary connection: operations do not use it. As primary it would answer:</p>}
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
          {tenants.find((candidate) => candidate.id === connection.tenant.id)?.capabilities.includes("operations.start") ? (
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
}

export default function Connections() {
  const { connections, tenants } = useLoaderData<typeof loader>();
  const withoutConnection = tenants.filter((tenant) => !connections.some((connection) => connection.tenant.id === tenant.id));
  return (
    <>
      <PageHeader
        title="Provider connections"
        description="Each tenant reaches Microsoft Graph through its primary connection: an Entra app registration with admin consent and a client secret."
      />
      <div className="space-y-6">
        <Card>
          {connections.length === 0 ? (
            <EmptyState title="No provider connections yet">Onboarding a tenant creates its first connection.</EmptyState>
          ) : (
            <DataTable
              caption="Provider connections"
              columns={connectionColumns(tenants)}
              rows={connections}
              rowKey={(connection) => connection.id}
              rowData={(connection) => ({ "data-connection": connection.id })}
            />
          )}
        </Card>
        {withoutConnection.length > 0 ? (
          <Card title="Tenants without a connection">
            <ul className="divide-y divide-slate-100">
              {withoutConnection.map((tenant) => (
                <li key={tenant.id} className="flex items-center justify-between gap-4 py-2 text-sm">
                  <Link to={routes.tenant(tenant.slug)} className="text-slate-800 hover:underline">
                    {tenant.displayName}
                  </Link>
                  {tenant.capabilities.includes("connections.manage") ? (
                    <Link to={routes.newConnection({ tenant: tenant.slug })} className={buttonClass.secondary}>
                      Add a provider connection
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
