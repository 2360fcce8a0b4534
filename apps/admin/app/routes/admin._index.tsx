import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReadinessHint } from "@tenantpilot/ui";
import { load } from "../api/api-call.server";
import { EmptyState, PageHeader, buttonClass } from "../shell/page";
import { TenantStatusPill } from "../tenants/tenant-status";
import { routes } from "@tenantpilot/dispatch-gate/contract";

export const meta: MetaFunction = () => [{ title: "Tenants · TenantPilot Gate" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // The first 200 tenants, readiness to sync inventory (the home page of issue 13 replaces this page).
  const { items: tenants } = await load(request, context.api.tenants.list({ limit: 200, readiness: [{ operation: "inventory.sync" }] }));
  const workspaces = context.viewer?.workspaces ?? [];
  const canOnboard = workspaces.some((workspace) => workspace.capabilities.includes("onboarding.manage"));
  return { tenants, workspaces: workspaces.map(({ id, name }) => ({ id, name })), canOnboard };
}

export default function WorkspaceHome() {
  const { tenants, workspaces, canOnboard } = useLoaderData<typeof loader>();
  const ready = tenants.filter((tenant) => tenant.readiness[0]?.result?.outcome !== "blocked").length;
  const groups = workspaces
    .map((workspace) => ({ workspace, tenants: tenants.filter((tenant) => tenant.workspaceId === workspace.id) }))
    .filter((group) => group.tenants.length > 0 || workspaces.length === 1);

  return (
    <>
      <PageHeader
        title="Tenants"
        description={
          tenants.length === 0
            ? "Customer tenants you manage appear here once they are onboarded."
            : `${tenants.length} ${tenants.length === 1 ? "tenant" : "tenants"} · ${ready} ready to sync · ${tenants.length - ready} need attention`
        }
        actions={
          canOnboard ? (
            <Link to={routes.onboarding()} className={buttonClass.primary}>
              Onboard a tenant
            </Link>
          ) : null
        }
      />
      {tenants.length === 0 ? (
        <EmptyState
          title="No tenants yet"
          action={
            canOnboard ? (
              <Link to={routes.onboarding()} className={buttonClass.primary}>
                Onboard your first tenant
              </Link>
            ) : null
          }
        >
          Onboarding connects a customer&apos;s Microsoft tenant, verifies the connection and runs the first inventory sync.
        </EmptyState>
      ) : (
        <div className="space-y-8">
          {groups.map(({ workspace, tenants: inWorkspace }) => (
            <section key={workspace.id} aria-labelledby={`ws-${workspace.id}`}>
              {groups.length > 1 ? (
                <h2 id={`ws-${workspace.id}`} className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">
                  {workspace.name}
                </h2>
              ) : (
                <h2 id={`ws-${workspace.id}`} className="sr-only">
                  {workspace.name}
                </h2>
              )}
              <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
                {inWorkspace.map((tenant) => (
                  <li key={tenant.id} className="flex flex-col gap-2 px-5 py-4 sm:flex-row sm:items-center sm:gap-6" data-tenant={tenant.slug}>
                    <div className="min-w-0 sm:w-72 sm:shrink-0">
                      <div className="flex items-center gap-2">
                        <Link to={routes.tenant(tenant.slug)} className="truncate text-sm font-semibold text-slate-900 hover:underline">
                          {tenant.displayName}
                        </Link>
                        <TenantStatusPill status={tenant.status} />
                      </div>
                      <p className="mt-0.5 truncate font-mono text-xs text-slate-500">{tenant.slug}</p>
                    </div>
                    <div className="min-w-0 flex-1">
                      {tenant.readiness[0]?.result ? <ReadinessHint preview={tenant.readiness[0].result} operation="inventory.sync" /> : null}
                    </div>
                    <Link to={routes.tenant(tenant.slug)} className={`${buttonClass.secondary} shrink-0`} aria-label={`Open ${tenant.displayName}`}>
                      Open
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
