import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isActiveRunStatus, runHref } from "@tenantpilot/dispatch-gate/contract";
import { ReasonExplanation, RunStatusBadge, TimeStamp } from "@tenantpilot/ui";
import { load } from "../api/api-call.server";
import { coverageByType, coverageOf } from "../inventory/coverage";
import { OperationCard } from "../operations/operation-card";
import { LiveRunStatus } from "../runs/live-run-status";
import { Card, EmptyState, Pill, buttonClass } from "../shell/page";
import { startFromForm } from "../start/start-action.server";
import { useTenant } from "../tenants/use-tenant";

/** How many finished syncs are read to date families the newest sync did not reach. */
const HISTORY = 5;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tenant = params.tenant ?? "";
  const runs = await load(request, context.api.operations.list({ tenant, operation: "inventory.sync", limit: 20 }));
  const active = runs.items.find((run) => isActiveRunStatus(run.status)) ?? null;
  const finished = runs.items.filter((run) => !isActiveRunStatus(run.status)).slice(0, HISTORY);
  const [activeDetail, ...details] = await Promise.all([
    active ? load(request, context.api.operations.detail({ runId: active.id })) : null,
    ...finished.map((run) => load(request, context.api.operations.detail({ runId: run.id }))),
  ]);
  const last = details[0] ?? null;
  return {
    activeDetail,
    last: last ? { run: last.run, reason: last.reason, counts: last.counts } : null,
    coverage: coverageByType(details.flatMap((detail) => (detail ? [{ runId: detail.run.id, coverage: coverageOf(detail.diagnostics) }] : []))),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return startFromForm(request, context, params.tenant ?? "", await request.formData());
}

export default function Inventory() {
  const { activeDetail, last, coverage } = useLoaderData<typeof loader>();
  const { tenant, readiness } = useTenant();
  const sync = readiness.find((entry) => entry.operation === "inventory.sync");
  const notCurrent = coverage.filter((type) => !type.inLastSync);

  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
      <div className="space-y-6 xl:col-span-2">
        <Card title="Last inventory sync">
          {last === null ? (
            <EmptyState title="Never synced">Sync the inventory to read this tenant&apos;s Intune policies.</EmptyState>
          ) : (
            <div className="space-y-3 text-sm" data-last-sync={last.run.status}>
              <p className="flex flex-wrap items-center gap-2">
                <RunStatusBadge status={last.run.status} />
                <span className="text-slate-700">
                  <TimeStamp value={last.run.finishedAt ?? last.run.createdAt} /> · {last.counts.seen} policies listed,{" "}
                  {last.counts.changed} changed
                </span>
                <Link to={runHref(last.run.id)} className={buttonClass.link}>
                  View run
                </Link>
              </p>
              {last.reason ? (
                <div className="rounded-md border border-rose-200 bg-rose-50 p-3 text-rose-950">
                  <ReasonExplanation reason={last.reason.code} message={last.reason.message} nextStep={last.reason.nextStep} />
                </div>
              ) : null}
            </div>
          )}
          {activeDetail ? (
            <div className="mt-4 rounded-lg border border-sky-200 bg-sky-50/60 p-4">
              <p className="mb-2 text-xs font-medium uppercase tracking-wide text-sky-800">In progress</p>
              <LiveRunStatus initial={activeDetail} />
            </div>
          ) : null}
        </Card>

        <Card title="Coverage by policy type" description="Which families of Intune policies the inventory holds, and from which sync.">
          {coverage.length === 0 ? (
            <EmptyState title="No policy type covered yet">Coverage appears once a sync has listed at least one family of policies.</EmptyState>
          ) : (
            <div className="space-y-4">
              {notCurrent.length > 0 ? (
                <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
                  The last sync did not cover {notCurrent.map((type) => type.label).join(", ")}: what the inventory shows for{" "}
                  {notCurrent.length === 1 ? "it" : "them"} is older.
                </p>
              ) : null}
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">Coverage by policy type</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                    <th scope="col" className="py-2 pr-4 font-medium">Policy type</th>
                    <th scope="col" className="py-2 pr-4 text-right font-medium">Policies</th>
                    <th scope="col" className="py-2 pr-4 text-right font-medium">Changed</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Synced</th>
                    <th scope="col" className="py-2 font-medium">State</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {coverage.map((type) => (
                    <tr key={type.policyType} data-policy-type={type.policyType}>
                      <td className="py-3 pr-4 font-medium text-slate-900">{type.label}</td>
                      <td className="py-3 pr-4 text-right tabular-nums">{type.latest.items}</td>
                      <td className="py-3 pr-4 text-right tabular-nums">{type.latest.changed}</td>
                      <td className="whitespace-nowrap py-3 pr-4 text-slate-600">
                        <Link to={runHref(type.latest.runId)} className="hover:underline">
                          <TimeStamp value={type.latest.syncedAt} />
                        </Link>
                      </td>
                      <td className="py-3">
                        {!type.inLastSync ? (
                          <Pill tone="amber">Not in the last sync</Pill>
                        ) : type.latest.truncated ? (
                          <Pill tone="amber">Partly listed</Pill>
                        ) : (
                          <Pill tone="emerald">Current</Pill>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
      {sync ? (
        <div>
          <OperationCard operation="inventory.sync" targetLabel={tenant.displayName} preview={sync.preview} canStart={tenant.capabilities.includes("operations.start")} />
        </div>
      ) : null}
    </div>
  );
}
