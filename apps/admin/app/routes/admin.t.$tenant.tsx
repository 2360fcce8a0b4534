import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { load } from "../api/api-call.server";
import { TenantStatusPill } from "../tenants/tenant-status";
import { TenantTabs } from "../tenants/tenant-tabs";
import { routes } from "@tenantpilot/dispatch-gate/contract";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.tenant.displayName} · TenantPilot Gate` : "Tenant · TenantPilot Gate" },
];

/** The tenant every page under /admin/t/:tenant works on; 404 when the viewer may not see it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return load(request, context.api.tenants.detail({ tenant: params.tenant ?? "" }));
}

export default function TenantLayout() {
  const { tenant, workspace } = useLoaderData<typeof loader>();
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link to={routes.home()} className="inline-block py-1 hover:text-slate-900 hover:underline">
          {workspace.name}
        </Link>
        <span aria-hidden="true"> / </span>
        <span>Tenants</span>
      </nav>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 break-words text-2xl font-semibold tracking-tight text-slate-900">{tenant.displayName}</h1>
        <TenantStatusPill status={tenant.status} />
        <span className="break-all font-mono text-xs text-slate-500" title="Microsoft Entra tenant ID">
          {tenant.microsoftTenantId}
        </span>
      </div>
      <TenantTabs slug={tenant.slug} />
      <div className="pt-6">
        <Outlet />
      </div>
    </div>
  );
}
