import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { consentCheckNote, routes, isUuid } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { attempt, load, loadIfAllowed } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import type { FormProblem } from "../api/page-error";
import { LastWord, OperationVerdicts } from "../connections/connection-standing";
import { ConnectionFlags, LastCheck, SecretExpiry } from "../connections/connection-state";
import { PermissionList } from "../connections/permission-list";
import { secretExpiryFrom } from "../connections/secret-expiry-input";
import { RunTable } from "../runs/run-table";
import { ProblemBanner, TextField } from "../shell/form-field";
import { Card, EmptyState, Facts, PageHeader, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { StartControl } from "../start/start-control";
import { formText } from "../api/form-field";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.connection.displayName} · TenantPilot Gate` : "Provider connection · TenantPilot Gate" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (!isUuid(params.id)) throw notFound("No such provider connection.");
  const connectionId = params.id;
  const detail = await load(request, context.api.connections.detail({ connectionId }));
  const [consent, check] = await Promise.all([
    loadIfAllowed(request, context.api.connections.consentLink({ connectionId })),
    loadIfAllowed(request, context.api.operations.preview({ tenant: detail.tenant.slug, operation: "connection.check", target: connectionId })),
  ]);
  return { ...detail, consent, check };
}

type Reply =
  | { kind: "done"; message: string }
  | { kind: "problem"; form: "rotate" | "manage"; problem: FormProblem };

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (!isUuid(params.id)) throw notFound("No such provider connection.");
  const connectionId = params.id;
  const form = await request.formData();
  const intent = form.get("intent");

  if (intent === "start") {
    const { tenant } = await load(request, context.api.connections.detail({ connectionId }));
    return startFromForm(request, context, tenant.slug, form);
  }
  if (intent === "rotate") {
    const expiry = secretExpiryFrom(form.get("secretExpiresAt"));
    if (expiry === "invalid") {
      return { kind: "problem", form: "rotate", problem: { message: "Please correct the highlighted fields.", fieldErrors: { secretExpiresAt: ["is not a date"] } } } satisfies Reply;
    }
    const rotated = await attempt(
      request,
      context.api.connections.rotateSecret({ connectionId, clientSecret: formText(form, "clientSecret"), ...(expiry ? { secretExpiresAt: expiry } : {}) }),
    );
    return rotated.ok
      ? ({ kind: "done", message: "The new client secret is stored. Runs queued with the old one will stop as “connection changed”." } satisfies Reply)
      : ({ kind: "problem", form: "rotate", problem: rotated.problem } satisfies Reply);
  }
  if (intent === "primary") {
    const done = await attempt(request, context.api.connections.setPrimary({ connectionId }));
    return done.ok ? ({ kind: "done", message: "This is now the tenant's primary connection." } satisfies Reply) : ({ kind: "problem", form: "manage", problem: done.problem } satisfies Reply);
  }
  if (intent === "disable" && form.get("confirmed") === "yes") {
    const done = await attempt(request, context.api.connections.disable({ connectionId }));
    return done.ok
      ? ({ kind: "done", message: "The connection is disabled. Starts on its tenant are blocked until it is enabled or replaced." } satisfies Reply)
      : ({ kind: "problem", form: "manage", problem: done.problem } satisfies Reply);
  }
  return { kind: "problem", form: "manage", problem: { message: "Unknown action.", fieldErrors: {} } } satisfies Reply;
}

function replyOf(value: unknown): Reply | undefined {
  return typeof value === "object" && value !== null && "kind" in value ? (value as Reply) : undefined;
}

export default function ConnectionPage() {
  const { connection, tenant, recentChecks, consent, check, standing } = useLoaderData<typeof loader>();
  const reply = replyOf(useActionData<typeof action>());
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const canManage = consent !== null;
  const confirmingDisable = params.get("confirm") === "disable" && connection.enabled;

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Provider connections", to: routes.connections() }, { label: connection.displayName }]}
        title={connection.displayName}
        badge={<ConnectionFlags connection={connection} />}
        description={
          <>
            Connection of{" "}
            <Link to={routes.tenant(tenant.slug)} className={buttonClass.link}>
              {tenant.displayName}
            </Link>
          </>
        }
      />
      {reply?.kind === "done" ? (
        <div role="status" className="mb-6 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          {reply.message}
        </div>
      ) : null}

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <Card title="Identity">
            <Facts
              items={[
                { label: "Application (client) ID", value: <span className="font-mono text-xs">{connection.clientId}</span> },
                { label: "Microsoft tenant ID", value: <span className="font-mono text-xs">{tenant.microsoftTenantId}</span> },
                { label: "Client secret", value: <SecretExpiry connection={connection} /> },
                { label: "Identity version", value: `v${connection.identityVersion} (changes when the secret or app changes)` },
                { label: "Last check", value: <LastCheck lastCheck={connection.lastCheck} /> },
                { label: "Added", value: <TimeStamp value={connection.createdAt} /> },
              ]}
            />
            <div className="mt-5">
              <h3 className="text-sm font-medium text-slate-500">Granted Microsoft Graph permissions</h3>
              {connection.grantedPermissions.length === 0 ? (
                <p className="mt-1 text-sm text-slate-700">None recorded yet — grant admin consent, then check the connection.</p>
              ) : (
                <PermissionList permissions={connection.grantedPermissions} label="Granted Microsoft Graph permissions" />
              )}
            </div>
          </Card>

          {standing ? (
            <Card
              title="What this connection blocks"
              description={
                connection.isPrimary
                  ? `What a start on ${tenant.displayName} answers because of this connection, now.`
                  : "Operations do not use this connection; this is what they would answer if it were primary."
              }
            >
              <div className="space-y-4">
                <LastWord standing={standing} />
                <OperationVerdicts standing={standing} />
              </div>
            </Card>
          ) : null}

          <Card title="Recent checks">
            {recentChecks.length === 0 ? (
              <EmptyState title="Never checked">A check requests a token and reads the consent and permissions Microsoft reports.</EmptyState>
            ) : (
              <RunTable runs={recentChecks} showTenant={false} caption="Recent connection checks" />
            )}
          </Card>
        </div>

        <div className="space-y-6">
          {check ? (
            <Card title="Check connection" description="Asks Microsoft for a token and records the consent and permissions it reports.">
              <StartControl operation="connection.check" target={connection.id} targetLabel={connection.displayName} preview={check} />
            </Card>
          ) : null}

          {canManage ? (
            <Card title="Admin consent" description="A Global Administrator of the customer's tenant grants the app's permissions.">
              <div className="space-y-3 text-sm">
                <a href={consent.url} target="_blank" rel="noreferrer noopener" className={buttonClass.secondary}>
                  {consent.simulated ? "Grant admin consent (sandbox Entra)" : "Grant admin consent in Microsoft Entra"}
                </a>
                <p className="text-xs text-slate-500">
                  Microsoft returns to <span className="break-all font-mono">{consent.redirectUri}</span>.
                </p>
                <p className="text-xs text-slate-600">{consentCheckNote}</p>
              </div>
            </Card>
          ) : null}

          {canManage ? (
            <Card title="Rotate client secret" description="The secret is stored encrypted and never shown again.">
              <Form method="post" className="space-y-3" autoComplete="off">
                <input type="hidden" name="intent" value="rotate" />
                {reply?.kind === "problem" && reply.form === "rotate" ? <ProblemBanner problem={reply.problem} /> : null}
                <TextField label="New client secret" name="clientSecret" type="password" required autoComplete="new-password"
                  errors={reply?.kind === "problem" && reply.form === "rotate" ? reply.problem.fieldErrors.clientSecret : undefined} />
                <TextField label="Expires on" name="secretExpiresAt" type="date" hint="As shown in Entra under Certificates & secrets."
                  errors={reply?.kind === "problem" && reply.form === "rotate" ? reply.problem.fieldErrors.secretExpiresAt : undefined} />
                <button type="submit" className={buttonClass.primary} disabled={busyIntent === "rotate"}>
                  {busyIntent === "rotate" ? "Saving…" : "Store new secret"}
                </button>
              </Form>
            </Card>
          ) : null}

          {canManage ? (
            <Card title="Manage">
              <div className="space-y-4 text-sm">
                {reply?.kind === "problem" && reply.form === "manage" ? <ProblemBanner problem={reply.problem} /> : null}
                {connection.isPrimary ? (
                  <p className="text-slate-600">This is the primary connection of {tenant.displayName}: operations use it.</p>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="primary" />
                    <button type="submit" className={buttonClass.secondary} disabled={busyIntent === "primary"}>
                      Make primary for {tenant.displayName}
                    </button>
                  </Form>
                )}
                {!connection.enabled ? (
                  <p className="text-slate-600">This connection is disabled.</p>
                ) : confirmingDisable ? (
                  <div className="space-y-3 rounded-lg border border-rose-200 bg-rose-50 p-4" role="region" aria-label="Confirm disable">
                    <p className="font-semibold text-rose-900">Disable {connection.displayName}?</p>
                    <p className="text-rose-900">
                      {connection.isPrimary
                        ? `Every start on ${tenant.displayName} will be blocked until the connection is replaced.`
                        : "Operations do not use it now; it cannot become primary while disabled."}
                    </p>
                    <div className="flex items-center gap-3">
                      <Form method="post">
                        <input type="hidden" name="intent" value="disable" />
                        <input type="hidden" name="confirmed" value="yes" />
                        <button type="submit" className={buttonClass.danger} disabled={busyIntent === "disable"}>
                          Disable connection
                        </button>
                      </Form>
                      <Link to={routes.connection(connection.id)} replace className={buttonClass.link}>
                        Keep it
                      </Link>
                    </div>
                  </div>
                ) : (
                  <Link to={routes.connection(connection.id, { confirm: "disable" })} className={buttonClass.secondary}>
                    Disable…
                  </Link>
                )}
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
