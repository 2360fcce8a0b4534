import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, PageHeader, buttonClass } from "../shell/page";

export const meta: MetaFunction = () => [{ title: "Admin consent · TenantPilot Gate" }];

/**
 * Where Microsoft Entra sends an administrator after the admin consent prompt
 * (?admin_consent=True&tenant=… or ?error=…&error_description=…). Consent is recorded by the next
 * connection check, which reads what Microsoft actually granted.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const error = params.get("error");
  return {
    granted: error === null && params.get("admin_consent")?.toLowerCase() === "true",
    error: error === null ? null : (params.get("error_description") ?? error).slice(0, 500),
    microsoftTenantId: params.get("tenant"),
  };
}

export default function ConsentReturn() {
  const { granted, error, microsoftTenantId } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Admin consent" />
      <Card className="max-w-2xl">
        {granted ? (
          <div className="space-y-2 text-sm text-slate-700" role="status">
            <p className="font-semibold text-emerald-800">Microsoft reports that admin consent was granted.</p>
            <p>
              Open the tenant&apos;s provider connection and check it: the check records the consent and the permissions Microsoft granted, and
              blocked starts become ready.
            </p>
            {microsoftTenantId ? <p className="font-mono text-xs text-slate-500">Microsoft tenant {microsoftTenantId}</p> : null}
          </div>
        ) : (
          <div className="space-y-2 text-sm text-slate-700" role="alert">
            <p className="font-semibold text-rose-800">Admin consent was not granted.</p>
            {error ? <p>Microsoft said: {error}</p> : null}
            <p>An administrator of the customer&apos;s tenant needs to accept the consent prompt.</p>
          </div>
        )}
        <div className="mt-4">
          <Link to="/admin/provider-connections" className={buttonClass.secondary}>
            Provider connections
          </Link>
        </div>
      </Card>
    </>
  );
}
