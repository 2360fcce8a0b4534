import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isActiveRunStatus, runHref } from "@tenantpilot/dispatch-gate/contract";
import { ReasonExplanation, RunStatusBadge, TimeStamp } from "@tenantpilot/ui";
import { load } from "../api/api-call.server";
import { OperationCard } from "../operations/operation-card";
import { LiveRunStatus } from "../runs/live-run-status";
import { Card, EmptyState, Pill, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";

interface Listed {
  items: number;
  truncated: boolean;
  syncedAt: string;
}

/** What directory.sync records per object kind (apps/worker/src/tasks/directory-sync.ts). */
function listedOf(diagnostics: unknown, kind: "users" | "groups"): Listed | null {
  const directory = (diagnostics as { directory?: Record<string, unknown> } | null)?.directory;
  const entry = directory?.[kind] as Partial<Listed> | undefined;
  if (!entry || typeof entry.items !== "number" || typeof entry.syncedAt !== "string") return null;
  return { items: entry.items, truncated: entry.truncated === true, syncedAt: entry.syncedAt };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  const runs = await load(request, context.api.operations.list({ tenant, operation: "directory.sync", limit: 10 }));
  const active = runs.items.find((run) => isActiveRunStatus(run.status));
  const finished = runs.items.find((run) => !isActiveRunStatus(run.status));
  const [activeDetail, last] = await Promise.all([
    active ? load(request, context.api.operations.detail({ runId: active.id })) : null,
    finished ? load(request, context.api.operations.detail({ runId: finished.id })) : null,
  ]);
  return {
    activeDetail,
    last: last ? { run: last.run, reason: last.reason, users: listedOf(last.diagnostics, "users"), groups: listedOf(last.diagnostics, "groups") } : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

function ListedTile({ title, listed }: { title: string; listed: Listed | null }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50/60 p-4">
      <p className="text-xs font-medium text-slate-500">{title}</p>
      {listed ? (
        <>
          <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{listed.items}</p>
          <p className="mt-1 text-xs text-slate-500">
            Listed <TimeStamp value={listed.syncedAt} /> {listed.truncated ? <Pill tone="amber">Partly listed</Pill> : null}
          </p>
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-600">Not listed by the last sync.</p>
      )}
    </div>
  );
}

export default function Directory() {
  const { activeDetail, last } = useLoaderData<typeof loader>();
  const { tenant, readiness } = useTenant();
  const sync = readiness.find((entry) => entry.operation === "directory.sync");
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
      <Card title="Directory" description="Users and groups of the tenant's Microsoft Entra ID, as of the last directory sync." className="xl:col-span-2">
        {last === null ? (
          <EmptyState title="Never synced">Sync the directory to read this tenant&apos;s users and groups.</EmptyState>
        ) : (
          <div className="space-y-4">
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <RunStatusBadge status={last.run.status} />
              <TimeStamp value={last.run.finishedAt ?? last.run.createdAt} />
              <Link to={runHref(last.run.id)} className={buttonClass.link}>
                View run
              </Link>
            </p>
            {last.reason ? (
              <div className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-950">
                <ReasonExplanation reason={last.reason.code} message={last.reason.message} nextStep={last.reason.nextStep} />
              </div>
            ) : null}
            <div className="grid grid-cols-2 gap-3">
              <ListedTile title="Users" listed={last.users} />
              <ListedTile title="Groups" listed={last.groups} />
            </div>
          </div>
        )}
        {activeDetail ? (
          <div className="mt-4 rounded-lg border border-sky-200 bg-sky-50/60 p-4">
            <LiveRunStatus initial={activeDetail} />
          </div>
        ) : null}
      </Card>
      {sync ? (
        <div>
          <OperationCard operation="directory.sync" targetLabel={tenant.displayName} preview={sync.preview} canStart={tenant.capabilities.includes("operations.start")} />
        </div>
      ) : null}
    </div>
  );
}
