import { useEffect, useRef } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { describe, isActiveRunStatus, isUuid, operationCatalog, routes } from "@tenantpilot/dispatch-gate/contract";
import { StartResultNotice, TimeStamp } from "@tenantpilot/ui";
import { attempt, load } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import { trpc } from "../live/trpc";
import { RunCounts } from "../runs/run-counts";
import { RetryControl } from "../runs/retry-control";
import { RunOutcome } from "../runs/run-outcome";
import { runTargetLabel } from "../runs/run-target";
import { RunTimeline } from "../runs/run-timeline";
import { Card, Facts, PageHeader, Pill, buttonClass } from "../shell/page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.run.label} · ${data.run.tenant.displayName} · TenantPilot Gate` : "Run · TenantPilot Gate" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (!isUuid(params.run)) throw notFound("No such run.");
  return load(request, context.api.operations.detail({ runId: params.run }));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (!isUuid(params.run)) throw notFound("No such run.");
  const form = await request.formData();
  const runId = params.run;
  if (form.get("intent") === "cancel") {
    const cancelled = await attempt(request, context.api.operations.cancel({ runId }));
    if (!cancelled.ok) return { kind: "problem" as const, message: cancelled.problem.message };
    const outcome = cancelled.value;
    if (!outcome.ok) return { kind: "problem" as const, message: "The run already finished; there is nothing to cancel." };
    return outcome.outcome === "cancelled"
      ? { kind: "info" as const, message: "The run was cancelled before it started." }
      : { kind: "info" as const, message: "Cancellation requested: the worker stops the run at its next checkpoint." };
  }
  const confirmTenant = form.get("confirmTenant");
  const retried = await attempt(
    request,
    context.api.operations.retry({ runId, ...(typeof confirmTenant === "string" ? { confirmTenant } : {}) }),
  );
  if (!retried.ok) return { kind: "problem" as const, message: retried.problem.message };
  return { kind: "retried" as const, result: retried.value };
}

const POLL_MS = 2_000;

export default function RunPage() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const utils = trpc.useUtils();
  // Live while queued or running: the same detail, polled, so progress and the ending appear by themselves.
  const live = trpc.operations.detail.useQuery(
    { runId: loaded.run.id },
    { initialData: loaded, refetchInterval: (state) => (state.state.data && isActiveRunStatus(state.state.data.run.status) ? POLL_MS : false) },
  );
  const detail = live.data;
  const { run, scope, connection, attempts, diagnostics } = detail;
  const active = isActiveRunStatus(run.status);

  // The run just ended: its terminal notification exists now, so the bell need not wait for its poll.
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) void utils.notifications.list.invalidate();
    wasActive.current = active;
  }, [active, utils]);

  const targetLabel = runTargetLabel(run.target, run.tenant.displayName);
  const busy = navigation.state === "submitting";
  // Only what this role may do: a read-only member is not offered a button that answers 403.
  const canCancel = detail.capabilities.includes("runs.cancel");
  const canRetry = detail.capabilities.includes(operationCatalog[run.operation].requiredCapability);

  return (
    <>
      <PageHeader
        crumbs={[
          { label: "Operations", to: routes.operations() },
          { label: run.tenant.displayName, to: routes.operations({ tenant: run.tenant.slug }) },
          { label: run.label },
        ]}
        title={run.label}
        description={
          <>
            {run.target.kind === "tenant" ? "on " : `${targetLabel} · `}
            <Link to={routes.tenant(run.tenant.slug)} className={buttonClass.link}>
              {run.tenant.displayName}
            </Link>
            {" · queued "}
            <TimeStamp value={run.createdAt} />
          </>
        }
        actions={
          <>
            {active && canCancel ? (
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <button type="submit" className={buttonClass.secondary} disabled={busy}>
                  Cancel run
                </button>
              </Form>
            ) : null}
            {canRetry && (run.status === "failed" || run.status === "cancelled") ? (
              <RetryControl runId={run.id} operation={run.operation} tenant={run.tenant} targetLabel={targetLabel} busy={busy} answered={reply?.kind === "retried"} />
            ) : null}
          </>
        }
      />

      <div className="space-y-6">
        {reply?.kind === "retried" ? (
          <StartResultNotice result={reply.result} operation={run.operation} targetLabel={targetLabel} autoFocus />
        ) : null}
        {reply?.kind === "info" ? (
          <div role="status" className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-800">
            {reply.message}
          </div>
        ) : null}
        {reply?.kind === "problem" ? (
          <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            {reply.message}
          </div>
        ) : null}

        <RunOutcome detail={detail} />

        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-2">
            <Card title="Progress" description={active ? "Updates every few seconds while the run is active." : undefined}>
              <RunCounts counts={detail.counts} />
            </Card>
            <Card title="Scope and connection">
              <Facts
                items={[
                  { label: "Protected scope", value: <>{scope.label} <span className="font-mono text-xs font-normal text-slate-500">({scope.key})</span></> },
                  { label: "Target", value: targetLabel },
                  {
                    label: "Bound provider connection",
                    value: connection ? (
                      <span className="space-y-1">
                        <Link to={routes.connection(connection.bound.id)} className={buttonClass.link}>
                          {connection.bound.displayName}
                        </Link>
                        <span className="block font-mono text-xs font-normal text-slate-500">
                          client {connection.bound.clientId} · identity v{connection.bound.identityVersion}
                        </span>
                        {connection.changedSinceAdmission ? <Pill tone="amber">Changed since this run was queued</Pill> : null}
                        {connection.enabledNow ? null : <Pill tone="rose">Disabled now</Pill>}
                      </span>
                    ) : (
                      "None recorded"
                    ),
                  },
                  {
                    label: "Started by",
                    value: run.initiator.kind === "user" ? (run.initiator.displayName ?? "A user") : "Schedule (system)",
                  },
                  { label: "Duration", value: <span data-run-duration>{describe({ durationMs: run.durationMs })}</span> },
                  // Final or "will retry at …" in words (the API's attempt state), not a bare "1 of 3".
                  { label: "Attempts", value: <span data-attempt-state={attempts.state.state}>{attempts.words}</span> },
                  { label: "Last heartbeat", value: detail.heartbeatAt ? <TimeStamp value={detail.heartbeatAt} /> : "—" },
                ]}
              />
            </Card>
          </div>
          <Card title="Timeline">
            <RunTimeline events={detail.timeline} />
          </Card>
        </div>

        <details className="group rounded-xl border border-slate-200 bg-white shadow-sm">
          <summary className="cursor-pointer list-none px-5 py-4 text-sm font-semibold text-slate-700 hover:text-slate-900 [&::-webkit-details-marker]:hidden">
            <span aria-hidden="true" className="mr-2 inline-block transition-transform group-open:rotate-90">›</span>
            Raw diagnostics
            {detail.rawReasonCode ? <span className="ml-2 font-mono text-xs font-normal text-slate-500">reason code {detail.rawReasonCode}</span> : null}
          </summary>
          <pre className="max-h-[32rem] overflow-auto border-t border-slate-100 bg-slate-950 px-5 py-4 font-mono text-xs leading-relaxed text-slate-100">
            {JSON.stringify(diagnostics, null, 2)}
          </pre>
        </details>
      </div>
    </>
  );
}
