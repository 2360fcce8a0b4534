import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { describe, routes, isUuid } from "@tenantpilot/dispatch-gate/contract";
import { ReadinessHint, TimeStamp } from "@tenantpilot/ui";
import { load, loadIfAllowed } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import { BackupStatusPill } from "../backups/backup-status";
import { Breadcrumbs, Card, Facts, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { StartControl } from "../start/start-control";
import { useTenant } from "../tenants/use-tenant";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  if (!isUuid(params.set)) throw notFound("No such backup set.");
  const set = await load(request, context.api.backupSets.detail({ backupSetId: params.set }));
  // A set of another tenant is not part of this tenant's pages, even when the viewer may see it.
  if (set.tenant.slug !== tenant.toLowerCase()) throw notFound("No such backup set.");
  // Only roles that may restore get a preview of it (the API answers FORBIDDEN to the others).
  const preview = await loadIfAllowed(request, context.api.operations.preview({ tenant, operation: "restore.execute", target: set.id }));
  return { set, preview };
}

/**
 * A restore starts from the confirmation panel, which names the tenant it writes to and sends its
 * short name as the confirmation; the gate refuses a restore without it (a 400 from the API).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

export default function BackupSet() {
  const { set, preview } = useLoaderData<typeof loader>();
  const { tenant } = useTenant();
  const [params] = useSearchParams();
  const confirming = params.get("confirm") === "restore";
  const canRestore = tenant.capabilities.includes("operations.restore");
  const groups = Object.entries(
    set.items.reduce<Record<string, typeof set.items>>((byType, item) => {
      (byType[item.policyType] ??= []).push(item);
      return byType;
    }, {}),
  );

  return (
    <div className="space-y-6">
      <Breadcrumbs crumbs={[{ label: "Backups", to: routes.tenantBackups(tenant.slug) }, { label: set.name }]} />

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <Card title={set.name} actions={<BackupStatusPill status={set.status} />} className="xl:col-span-2">
          <Facts
            items={[
              { label: "Policies", value: set.itemCount },
              { label: "Captured", value: <TimeStamp value={set.completedAt ?? set.createdAt} /> },
              {
                label: "Capture run",
                value: set.capturedByRunId ? (
                  <Link to={routes.run(set.capturedByRunId)} className={buttonClass.link}>
                    View run
                  </Link>
                ) : (
                  "—"
                ),
              },
            ]}
          />
        </Card>

        <Card title="Restore" description={`Writes these policies back to ${tenant.displayName}.`}>
          {!canRestore || preview === null ? (
            <div className="space-y-1">
              <p className="text-xs text-slate-500">Restoring needs a role with the restore capability.</p>
            </div>
          ) : confirming ? (
            <div className="space-y-4" role="region" aria-label="Confirm restore">
              <div className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950">
                <p className="font-semibold">
                  Restore “{set.name}” to {tenant.displayName}?
                </p>
                <p className="mt-1">
                  {set.itemCount} {set.itemCount === 1 ? "policy" : "policies"} in {tenant.displayName}&apos;s Intune will be overwritten
                  with the captured content. A restore is never retried automatically.
                </p>
              </div>
              <StartControl
                operation="restore.execute"
                target={set.id}
                targetLabel={`${tenant.displayName} from “${set.name}”`}
                buttonTargetLabel={`${tenant.displayName} from ${set.name}`}
                preview={preview}
                extraFields={{ confirmTenant: tenant.slug }}
              />
              <Link to={routes.backupSet(tenant.slug, set.id)} replace className={buttonClass.link + " text-sm"}>
                Cancel
              </Link>
            </div>
          ) : (
            <div className="space-y-3">
              <Link to={routes.backupSet(tenant.slug, set.id, { confirm: "restore" })} className={buttonClass.secondary}>
                Restore to {tenant.displayName}…
              </Link>
              <ReadinessHint preview={preview} operation="restore.execute" />
            </div>
          )}
        </Card>
      </div>

      <Card title="Policies in this set">
        {groups.length === 0 ? (
          <p className="text-sm text-slate-600">This set holds no policies.</p>
        ) : (
          <div className="space-y-6">
            {groups.map(([policyType, items]) => (
              <section key={policyType} aria-labelledby={`type-${policyType}`}>
                <h3 id={`type-${policyType}`} className="mb-2 text-sm font-semibold text-slate-800">
                  {describe({ policyFamily: policyType })} <span className="font-normal text-slate-500">· {items.length}</span>
                </h3>
                <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
                  {items.map((item) => (
                    <li key={item.id} className="flex items-center justify-between gap-4 px-4 py-2 text-sm">
                      <span className="truncate text-slate-900">{item.displayName}</span>
                      <span className="shrink-0 font-mono text-xs text-slate-500">{item.externalId.slice(0, 8)}</span>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
      </Card>
    </div>
  );
}
