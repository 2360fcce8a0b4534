import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { load } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import { isUuid } from "../api/uuid";
import { BlockedOperations, LastWord } from "../connections/connection-standing";
import { ConnectionFlags, LastCheck } from "../connections/connection-state";
import { Card, EmptyState, PageHeader, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { StartControl } from "../start/start-control";

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
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">Provider connections</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                    <th scope="col" className="py-2 pr-4 font-medium">Connection</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Tenant</th>
                    <th scope="col" className="py-2 pr-4 font-medium">What it blocks now</th>
                    <th scope="col" className="py-2 font-medium">Last check</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {connections.map((connection) => {
                    const tenant = tenants.find((candidate) => candidate.id === connection.tenant.id);
                    return (
                      <tr key={connection.id} className="align-top" data-connection={connection.id}>
                        <td className="py-3 pr-4">
                          <Link to={connection.id} className="font-medium text-slate-900 hover:underline">
                            {connection.displayName}
                          </Link>
                          <div className="mt-1">
                            <ConnectionFlags connection={connection} />
                          </div>
                        </td>
                        <td className="py-3 pr-4">
                          <Link to={`/admin/t/${connection.tenant.slug}`} className="text-slate-700 hover:underline">
                            {connection.tenant.displayName}
                          </Link>
                        </td>
                        <td className="max-w-lg space-y-1 py-3 pr-4">
                          {connection.isPrimary ? null : (
                            <p className="text-slate-500">Not the primary connection: operations do not use it. As primary it would answer:</p>
                          )}
                          {connection.standing ? (
                            <>
                              <BlockedOperations standing={connection.standing} />
                              <LastWord standing={connection.standing} />
                            </>
                          ) : null}
                        </td>
                        <td className="py-3">
                          <div className="space-y-2">
                            <LastCheck lastCheck={connection.lastCheck} />
                            {tenant?.capabilities.includes("operations.start") ? (
                              <StartControl
                                operation="connection.check"
                                target={connection.id}
                                targetLabel={connection.displayName}
                                buttonTargetLabel={connection.displayName}
                                preview={undefined}
                              />
                            ) : null}
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        {withoutConnection.length > 0 ? (
          <Card title="Tenants without a connection">
            <ul className="divide-y divide-slate-100">
              {withoutConnection.map((tenant) => (
                <li key={tenant.id} className="flex items-center justify-between gap-4 py-2 text-sm">
                  <Link to={`/admin/t/${tenant.slug}`} className="text-slate-800 hover:underline">
                    {tenant.displayName}
                  </Link>
                  {tenant.capabilities.includes("connections.manage") ? (
                    <Link to={`new?tenant=${encodeURIComponent(tenant.slug)}`} className={buttonClass.secondary}>
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
