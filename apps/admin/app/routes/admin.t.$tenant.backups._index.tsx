import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { runHref } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { load } from "../api/api-call.server";
import { BackupStatusPill } from "../backups/backup-status";
import { OperationCard } from "../operations/operation-card";
import { Card, EmptyState, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
  return load(request, context.api.backupSets.list({ tenant: params.tenant ?? "", limit: 25, ...(cursor ? { cursor } : {}) }));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

export default function Backups() {
  const page = useLoaderData<typeof loader>();
  const { tenant, readiness } = useTenant();
  const capture = readiness.find((entry) => entry.operation === "backup.capture");

  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
      <Card title="Backup sets" description="Pick a complete set to see its policies and restore it." className="xl:col-span-2">
        {page.items.length === 0 ? (
          <EmptyState title="No backup sets yet">Capture a backup to keep the current content of every Intune policy.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Backup sets of {tenant.displayName}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                  <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">Policies</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Captured</th>
                  <th scope="col" className="py-2 font-medium"><span className="sr-only">Run</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.items.map((set) => (
                  <tr key={set.id} data-backup-set={set.id}>
                    <td className="py-3 pr-4">
                      <Link to={set.id} className="font-medium text-slate-900 hover:underline">
                        {set.name}
                      </Link>
                    </td>
                    <td className="py-3 pr-4">
                      <BackupStatusPill status={set.status} />
                    </td>
                    <td className="py-3 pr-4 text-right tabular-nums">{set.itemCount}</td>
                    <td className="whitespace-nowrap py-3 pr-4 text-slate-600">
                      <TimeStamp value={set.completedAt ?? set.createdAt} />
                    </td>
                    <td className="py-3 text-right">
                      {set.capturedByRunId ? (
                        <Link to={runHref(set.capturedByRunId)} className={buttonClass.link}>
                          Capture run
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {page.nextCursor ? (
              <div className="mt-4 text-right text-sm">
                <Link to={`?cursor=${encodeURIComponent(page.nextCursor)}`} className={buttonClass.link}>
                  Older sets →
                </Link>
              </div>
            ) : null}
          </div>
        )}
      </Card>
      {capture ? (
        <div>
          <OperationCard
            operation="backup.capture"
            targetLabel={tenant.displayName}
            preview={capture.preview}
            canStart={tenant.capabilities.includes("operations.start")}
          />
        </div>
      ) : null}
    </div>
  );
}
