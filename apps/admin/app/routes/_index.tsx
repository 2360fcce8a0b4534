import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import "../load-context";

export const meta: MetaFunction = () => [{ title: "TenantPilot Gate" }];

export async function loader({ context }: LoaderFunctionArgs) {
  return context.services.health();
}

export default function Index() {
  const health = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">TenantPilot Gate</h1>
      <p className="mt-2 text-slate-600">
        One preflight-and-dispatch gate for every provider-backed action on your customers&apos; Microsoft tenants.
      </p>
      <dl className="mt-8 grid grid-cols-3 gap-4 text-sm">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-slate-500">Database</dt>
          <dd className="mt-1 font-medium">{health.database}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-slate-500">Workspaces</dt>
          <dd className="mt-1 font-medium">{health.workspaces}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-slate-500">Tenants</dt>
          <dd className="mt-1 font-medium">{health.tenants}</dd>
        </div>
      </dl>
    </main>
  );
}
