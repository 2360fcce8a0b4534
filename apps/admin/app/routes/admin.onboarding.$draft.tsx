import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { consentCheckNote, routes, isUuid } from "@tenantpilot/dispatch-gate/contract";
import { StartButton, StartResultNotice } from "@tenantpilot/ui";
import { load, loadIfAllowed } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import { ConsentPill } from "../connections/connection-state";
import { AppRegistrationGuideCard } from "../onboarding/app-registration-guide";
import { DiscardDraft } from "../onboarding/discard-draft";
import { onboardingAction, type WizardReply } from "../onboarding/onboarding-action.server";
import { StepIndicator } from "../onboarding/step-indicator";
import { LiveRunStatus } from "../runs/live-run-status";
import { ProblemBanner, TextField } from "../shell/form-field";
import { Card, PageHeader, buttonClass } from "../shell/page";
import { formText } from "../api/form-field";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Onboarding${data?.draft.tenant ? ` ${data.draft.tenant.displayName}` : ""} · TenantPilot Gate` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (!isUuid(params.draft)) throw notFound("No such onboarding draft.");
  const draft = await load(request, context.api.onboarding.get({ draftId: params.draft }));
  const { tenant, connection } = draft;
  const consent = draft.consent;
  const [checkPreview, verify, firstSync] = await Promise.all([
    tenant && connection && draft.step === "verify"
      ? loadIfAllowed(request, context.api.operations.preview({ tenant: tenant.slug, operation: "connection.check", target: connection.id }))
      : null,
    draft.verifyRun ? load(request, context.api.operations.detail({ runId: draft.verifyRun.id })) : null,
    draft.firstSyncRun ? load(request, context.api.operations.detail({ runId: draft.firstSyncRun.id })) : null,
  ]);
  return { draft, consent, checkPreview, verify, firstSync };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (!isUuid(params.draft)) throw notFound("No such onboarding draft.");
  return onboardingAction(request, context, params.draft, await request.formData());
}

export default function OnboardingDraft() {
  const { draft, consent, checkPreview, verify, firstSync } = useLoaderData<typeof loader>();
  const reply: WizardReply | undefined = useActionData<typeof action>();
  const navigation = useNavigation();
  const pendingIntent = navigation.state === "submitting" ? formText(navigation.formData, "intent") : null;
  const problem = (intent: string) => (reply?.kind === "problem" && reply.intent === intent ? reply : undefined);
  const tenantName = draft.tenant?.displayName ?? "the new tenant";
  const closed = draft.status !== "open";
  const [params] = useSearchParams();
  const discarding = !closed && draft.step !== "done" && params.get("confirm") === "discard";

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Onboarding", to: routes.onboarding() }, { label: draft.tenant?.displayName ?? "New tenant" }]}
        title={draft.tenant ? `Onboard ${draft.tenant.displayName}` : "Onboard a new tenant"}
        description={`Started by ${draft.createdBy.displayName}. Your progress is saved after every step.`}
        actions={
          closed || draft.step === "done" || discarding ? null : (
            <Link to={routes.onboardingDraft(draft.id, { confirm: "discard" })} className={buttonClass.secondary}>
              Discard draft…
            </Link>
          )
        }
      />
      <div className="max-w-3xl space-y-6">
        {discarding ? <DiscardDraft draftId={draft.id} tenantName={tenantName} onboarded={(draft.tenant?.onboardedAt ?? null) !== null} /> : null}
        <StepIndicator current={draft.step} />

        {closed ? (
          <Card>
            <p className="text-sm text-slate-700">This onboarding is {draft.status}.</p>
          </Card>
        ) : null}

        {reply?.kind === "started" ? (
          <StartResultNotice result={reply.result} operation={reply.operation} targetLabel={reply.operation === "connection.check" ? (draft.connection?.displayName ?? tenantName) : tenantName} autoFocus />
        ) : null}

        {!closed && draft.step === "connection" ? <AppRegistrationGuideCard guide={draft.appRegistration} /> : null}

        {!closed && draft.step === "connection" ? (
          <Card title="Provider connection" description={`The Entra app registration TenantPilot uses to reach ${tenantName}.`}>
            <Form method="post" className="space-y-4" autoComplete="off">
              <input type="hidden" name="intent" value="connection" />
              <ProblemBanner problem={problem("connection")?.problem} />
              <TextField label="Name" name="displayName" required defaultValue={problem("connection")?.values.displayName ?? `${tenantName} — Graph app`}
                errors={problem("connection")?.problem.fieldErrors["connection.displayName"]} />
              <TextField label="Application (client) ID" name="clientId" required defaultValue={problem("connection")?.values.clientId} spellCheck={false}
                placeholder="00000000-0000-0000-0000-000000000000" errors={problem("connection")?.problem.fieldErrors["connection.clientId"]} />
              <TextField label="Client secret" name="clientSecret" type="password" required autoComplete="new-password" hint="Stored encrypted; never shown again."
                errors={problem("connection")?.problem.fieldErrors["connection.clientSecret"]} />
              <TextField label="Secret expires on" name="secretExpiresAt" type="date" errors={problem("connection")?.problem.fieldErrors["connection.secretExpiresAt"]} />
              <button type="submit" className={buttonClass.primary} disabled={pendingIntent === "connection"}>
                {pendingIntent === "connection" ? "Saving…" : "Save and continue"}
              </button>
            </Form>
          </Card>
        ) : null}

        {!closed && (draft.step === "verify" || draft.step === "first_sync") && draft.connection ? (
          <Card title="Admin consent" description="An administrator of the customer's tenant grants the app's Microsoft Graph permissions.">
            <p className="mb-3 text-sm text-slate-600">{consentCheckNote}</p>
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <ConsentPill state={draft.connection.consentState} />
              {consent ? (
                <a href={consent.url} target="_blank" rel="noreferrer noopener" className={buttonClass.secondary}>
                  Open the consent prompt
                </a>
              ) : null}
              <Link to={routes.connection(draft.connection.id)} className={buttonClass.link}>
                {draft.connection.displayName}
              </Link>
            </div>
          </Card>
        ) : null}

        {!closed && draft.step === "verify" ? (
          <Card title="Verify the connection" description="A connection check requests a token and reads the consent and permissions Microsoft reports.">
            <Form method="post" className="space-y-3">
              <input type="hidden" name="intent" value="verify" />
              <ProblemBanner problem={problem("verify")?.problem} />
              <StartButton type="submit" operation="connection.check" preview={checkPreview ?? undefined} pending={pendingIntent === "verify"} />
            </Form>
          </Card>
        ) : null}

        {!closed && draft.step === "first_sync" ? (
          <Card
            title="First inventory sync"
            description={`The gate decides from what the check learned. Once it accepts the sync, ${tenantName} becomes active and its inventory is read for the first time.`}
          >
            <div className="space-y-4">
              {verify ? (
                <LiveRunStatus initial={verify}>
                  {(detail) =>
                    detail.run.status === "succeeded" ? (
                      <p className="text-sm text-emerald-800">The connection works: consent and permissions are in place.</p>
                    ) : null
                  }
                </LiveRunStatus>
              ) : null}
              <ProblemBanner problem={problem("first_sync")?.problem ?? problem("verify")?.problem} />
              <div className="flex flex-wrap items-start gap-3">
                <Form method="post">
                  <input type="hidden" name="intent" value="first_sync" />
                  <StartButton type="submit" operation="inventory.sync" preview={draft.firstSyncPreview ?? undefined} pending={pendingIntent === "first_sync"} />
                </Form>
                {verify && (verify.run.status === "failed" || verify.run.status === "cancelled") ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="verify" />
                    <button type="submit" className={buttonClass.secondary} disabled={pendingIntent === "verify"}>
                      Verify again
                    </button>
                  </Form>
                ) : null}
              </div>
            </div>
          </Card>
        ) : null}

        {draft.step === "done" ? (
          <Card title={`${tenantName} is onboarded`}>
            <div className="space-y-4">
              {firstSync ? <LiveRunStatus initial={firstSync} /> : null}
              <ProblemBanner problem={problem("complete")?.problem} />
              {closed ? (
                draft.tenant ? (
                  <Link to={routes.tenant(draft.tenant.slug)} className={buttonClass.primary}>
                    Open {draft.tenant.displayName}
                  </Link>
                ) : null
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="complete" />
                  <button type="submit" className={buttonClass.primary} disabled={pendingIntent === "complete"}>
                    Finish and open {tenantName}
                  </button>
                </Form>
              )}
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
