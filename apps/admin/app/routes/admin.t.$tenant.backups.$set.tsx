import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { describe, routes, isUuid } from "@tenantpilot/dispatch-gate/contract";
import { ReadinessHint, TimeStamp } from "@tenantpilot/ui";
import { load, loadIfAllowed } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import { BackupStatusPill } from "../backups/backup-status";
import { restoreFromForm } from "../backups/restore-action.server";
import { RestoreConfirm } from "../backups/restore-confirm";
import { Breadcrumbs, Card, Facts, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  if (!isUuid(params.set)) throw notFound("No such backup set.");
  const set = await load(request, context.api.backupSets.detail({ backupSetId: params.set }));
  // A set of another tenant is not part of this tenant's pages, even when the viewer may see it.
  if (set.tenant.slug !== tenant.toLowerCase()) throw notFound("No such backup set.");
  // Only roles that may restore get a preview of it (the API answers FORBIDDEN to the others).
  const preview = await loadIfAllowed(request, context.api.operations.preview({ tenant, operation: "restore.execute", target: set.id }));
  // The per-policy preview is read for the confirm step only (it compares the whole set with the inventory).
  const confirming = new URL(request.url).searchParams.get("confirm") === "restore";
  const restorePreview = preview !== null && confirming ? await loadIfAllowed(request, context.api.backupSets.restorePreview({ backupSetId: set.id })) : null;
  return { set, preview, restorePreview };
}

/**
 * A restore starts from the confirm step with the policies checked there and the tenant's short
 * name typed (RestoreConfirm); the gate checks both. The step's other start is a fresh inventory sync.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") === "restore") {
    if (!isUuid(params.set)) throw notFound("No such backup set.");
    return restoreFromForm(request, context, params.tenant ?? "", params.set, form);
  }
  return startFromForm(request, context, params.tenant ?? "", form);
}

export default function BackupSet() {
  const { set, preview, restorePreview } = useLoaderData<typeof loader>();
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
          ) : confirming && restorePreview !== null ? (
            <p className="text-sm text-slate-600">Choose the policies below.</p>
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

      {confirming && canRestore && restorePreview !== null ? (
        <Card title="What the restore will do" description={`Per policy, against ${tenant.displayName}'s latest inventory sync.`}>
          <RestoreConfirm preview={restorePreview} />
        </Card>
      ) : null}

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
