import { formText } from "../api/form-field";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { coveredByBlocker, reportKinds, routes, tenantBlocker } from "@tenantpilot/dispatch-gate/contract";
import { load, loadIfAllowed } from "../api/api-call.server";
import { ConnectionFlags, LastCheck, SecretExpiry } from "../connections/connection-state";
import { OperationCard } from "../operations/operation-card";
import { LiveActiveRuns } from "../runs/live-active-runs";
import { RunTable } from "../runs/run-table";
import { Card, EmptyState, Facts, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { StartControl } from "../start/start-control";
import { sharedBlockerWords, TenantBanner } from "../tenants/tenant-banner";
import { tagAction, isTagIntent } from "../tenants/tag-actions.server";
import { TenantTags } from "../tenants/tenant-tags";
import { useTenant } from "../tenants/use-tenant";

/** Readiness of the connection check (it targets the primary connection); the report cards' comes with the tenant. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  const connections = await load(request, context.api.connections.list({ tenant })).then((page) => page.items);
  const primary = connections.find((connection) => connection.isPrimary) ?? null;
  const check = primary
    ? await loadIfAllowed(request, context.api.operations.preview({ tenant, operation: "connection.check", target: primary.id }))
    : null;
  return { primary, check };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  if (isTagIntent(intent)) return tagAction(request, context, formText(form, "workspace"), intent, form);
  return startFromForm(request, context, params.tenant ?? "", form);
}

export default function TenantOverview() {
  const { tenant, workspace, readiness, reports, activeRuns, recentRuns, backupSetCount, tags } = useTenant();
  const { primary, check } = useLoaderData<typeof loader>();
  const canStart = tenant.capabilities.includes("operations.start");
  // A blocker of the whole tenant is said once, above the cards; a card it blocks points there.
  const blocker = tenantBlocker([...readiness.map(({ preview }) => preview), ...reports.map(({ preview }) => preview), check]);
  const shared = (preview: Parameters<typeof coveredByBlocker>[0]) => (coveredByBlocker(preview, blocker) ? sharedBlockerWords : undefined);

  return (
    <div className="space-y-8">
      {blocker ? <TenantBanner blocker={blocker} /> : null}
      <TenantTags tenant={tenant.slug} workspace={workspace.slug} tags={tags} canManage={tenant.capabilities.includes("tags.manage")} />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <section aria-labelledby="start-heading" className="xl:col-span-2">
          <h2 id="start-heading" className="mb-3 text-base font-semibold text-slate-900">
            Operations
          </h2>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            {readiness.map(({ operation, preview }) => (
              <OperationCard
                key={operation}
                operation={operation}
                targetLabel={tenant.displayName}
                preview={preview}
                canStart={canStart}
                sharedBlocker={shared(preview)}
              />
            ))}
            {reports.map(({ kind, preview }) => (
              <OperationCard
                key={kind}
                operation="report.generate"
                title={`Generate report · ${reportKinds[kind].label}`}
                target={kind}
                targetLabel={`${tenant.displayName} — ${reportKinds[kind].label}`}
                buttonTargetLabel={reportKinds[kind].label}
                preview={preview}
                canStart={canStart}
                sharedBlocker={shared(preview)}
              />
            ))}
            <section className="flex flex-col rounded-xl border border-dashed border-slate-300 bg-white/60 p-5" aria-label="Restore backup">
              <h3 className="text-sm font-semibold text-slate-900">Restore backup</h3>
              <p className="mt-1 text-sm text-slate-600">
                Restores start from a backup set, so you can see what will be written first.
                {backupSetCount === 0 ? " This tenant has no backup sets yet." : ` ${backupSetCount} backup ${backupSetCount === 1 ? "set" : "sets"} available.`}
              </p>
              <div className="mt-4">
                <Link to={routes.tenantBackups(tenant.slug)} className={buttonClass.secondary}>
                  Choose a backup set
                </Link>
              </div>
            </section>
          </div>
        </section>

        <aside className="space-y-4">
          <Card
            title="Provider connection"
            actions={
              primary ? (
                <Link to={routes.connection(primary.id)} className={buttonClass.link}>
                  {tenant.capabilities.includes("connections.manage") ? "Manage" : "Details"}
                </Link>
              ) : null
            }
          >
            {primary ? (
              <div className="space-y-4">
                <div>
                  <p className="text-sm font-medium text-slate-900">{primary.displayName}</p>
                  <div className="mt-1.5">
                    <ConnectionFlags connection={primary} />
                  </div>
                </div>
                <Facts
                  items={[
                    { label: "Client secret", value: <SecretExpiry connection={primary} /> },
                    { label: "Last check", value: <LastCheck lastCheck={primary.lastCheck} /> },
                  ]}
                />
                {check && canStart ? (
                  <StartControl
                    operation="connection.check"
                    target={primary.id}
                    targetLabel={primary.displayName}
                    preview={check}
                    sharedBlocker={shared(check)}
                  />
                ) : null}
              </div>
            ) : (
              <EmptyState
                title="No primary connection"
                action={
                  tenant.capabilities.includes("connections.manage") ? (
                    <Link to={routes.newConnection({ tenant: tenant.slug })} className={buttonClass.primary}>
                      Add a provider connection
                    </Link>
                  ) : null
                }
              >
                Operations reach Microsoft Graph through the tenant&apos;s primary provider connection.
              </EmptyState>
            )}
          </Card>
        </aside>
      </div>

      <Card title="Active runs" description="Queued and running work on this tenant, updated live.">
        <LiveActiveRuns tenant={tenant.slug} initial={activeRuns} />
      </Card>

      <Card
        title="Recent runs"
        actions={
          <Link to={routes.operations({ tenant: tenant.slug })} className={buttonClass.link}>
            All runs of {tenant.displayName}
          </Link>
        }
      >
        {recentRuns.length === 0 ? (
          <EmptyState title="No runs yet">Start an operation above; its run appears here.</EmptyState>
        ) : (
          <RunTable runs={recentRuns} showTenant={false} caption="Recent runs" />
        )}
      </Card>
    </div>
  );
}
