import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { safeReturnTarget } from "@tenantpilot/dispatch-gate/contract";
import { load, loadIfAllowed } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import { Card, PageHeader, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { StartControl } from "../start/start-control";
import { routes, isUuid } from "@tenantpilot/dispatch-gate/contract";

export const meta: MetaFunction = () => [{ title: "Admin consent · TenantPilot Gate" }];

/**
 * Where Microsoft Entra (or the sandbox's simulated prompt) sends an administrator after the
 * admin consent prompt (?admin_consent=True&tenant=… or ?error=…&error_description=…). Consent
 * is recorded by the next connection check, which reads what Microsoft actually granted: the page
 * offers that check for the viewer's connections in the tenant Microsoft names.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const error = params.get("error");
  const granted = error === null && params.get("admin_consent")?.toLowerCase() === "true";
  const microsoftTenantId = params.get("tenant");
  return {
    // The page the prompt was opened from (an onboarding draft, a connection), handed back by Entra
    // in `state`: followed only when it is one of this app's return targets.
    returnTo: safeReturnTarget(params.get("state")),
    granted,
    error: error === null ? null : (params.get("error_description") ?? error).slice(0, 500),
    microsoftTenantId,
    matches: granted && isUuid(microsoftTenantId ?? undefined) ? await connectionsToCheck(request, context, microsoftTenantId!) : [],
  };
}

/**
 * The viewer's connections in the tenant with this Microsoft tenant id, each with its check's preview.
 * The list is searched for the id (search covers Microsoft tenant ids) rather than paged from the
 * start: an MSP's tenant may be the 5,000th by name. The search matches substrings, so the exact
 * id is then kept; one Microsoft tenant may be onboarded in several of the viewer's workspaces.
 */
async function connectionsToCheck(request: Request, context: LoaderFunctionArgs["context"], microsoftTenantId: string) {
  const search = context.api.tenants.list({ filter: { search: microsoftTenantId }, limit: 200, readiness: [] });
  const tenants = (await load(request, search)).items.filter(
    (tenant) => tenant.microsoftTenantId.toLowerCase() === microsoftTenantId.toLowerCase(),
  );
  const perTenant = await Promise.all(
    tenants.map(async (tenant) => {
      const { items: connections } = await load(request, context.api.connections.list({ tenant: tenant.slug }));
      return Promise.all(
        connections
          .filter((connection) => connection.enabled)
          .map(async (connection) => ({
            tenant: { slug: tenant.slug, displayName: tenant.displayName },
            connection: { id: connection.id, displayName: connection.displayName, isPrimary: connection.isPrimary, consentState: connection.consentState },
            check: await loadIfAllowed(
              request,
              context.api.operations.preview({ tenant: tenant.slug, operation: "connection.check", target: connection.id }),
            ),
          })),
      );
    }),
  );
  return perTenant.flat();
}

/** "Check connection now": a gate start like everywhere else; the answer is the shared notice. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const connectionId = form.get("target");
  if (form.get("intent") !== "start" || typeof connectionId !== "string" || !isUuid(connectionId)) throw notFound("No such provider connection.");
  const { tenant } = await load(request, context.api.connections.detail({ connectionId }));
  return startFromForm(request, context, tenant.slug, form);
}

export default function ConsentReturn() {
  const { returnTo, granted, error, microsoftTenantId, matches } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Admin consent" />
      <Card className="max-w-2xl">
        {granted ? (
          <div className="space-y-2 text-sm text-slate-700" role="status">
            <p className="font-semibold text-emerald-800">Microsoft reports that admin consent was granted.</p>
            <p>
              Check the connection now: the check records the consent and the permissions Microsoft granted, and blocked starts become ready
              once it succeeds.
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
        <div className="mt-4 flex flex-wrap gap-3">
          {returnTo ? (
            <Link to={returnTo} className={buttonClass.primary}>
              {returnTo.startsWith(`${routes.onboarding()}/`) ? "Back to onboarding" : "Back to the connection"}
            </Link>
          ) : null}
          <Link to={routes.connections()} className={buttonClass.secondary}>
            Provider connections
          </Link>
        </div>
      </Card>

      {granted && matches.length === 0 ? (
        <Card className="mt-6 max-w-2xl">
          <p className="text-sm text-slate-700">
            None of your provider connections belongs to this Microsoft tenant. Open the connection from its tenant and check it there.
          </p>
        </Card>
      ) : null}
      {matches.map(({ tenant, connection, check }) => (
        <Card
          key={connection.id}
          className="mt-6 max-w-2xl"
          title={`Check connection now: ${connection.displayName}`}
          description={
            <>
              {connection.isPrimary ? "Primary connection" : "Connection"} of{" "}
              <Link to={routes.tenant(tenant.slug)} className={buttonClass.link}>
                {tenant.displayName}
              </Link>{" "}
              · consent recorded: {connection.consentState}
            </>
          }
          actions={
            <Link to={routes.connection(connection.id)} className={buttonClass.link}>
              Connection details
            </Link>
          }
        >
          {check ? (
            <StartControl operation="connection.check" target={connection.id} targetLabel={connection.displayName} preview={check} />
          ) : (
            <p className="text-sm text-slate-600">Your role cannot start a connection check; ask an operator to check it.</p>
          )}
        </Card>
      ))}
    </>
  );
}
