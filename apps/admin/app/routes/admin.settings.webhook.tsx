import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { describe, routes, webhookDeliveryStatuses, type WebhookSearch } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { attempt } from "../api/api-call.server";
import type { FormProblem } from "../api/page-error";
import { FilterChips } from "../lists/filter-chips";
import { listSearch, oneOf, pageCursor } from "../lists/list-search";
import { Pager } from "../lists/pager";
import { pagesOrFirstPage } from "../lists/stale-cursor.server";
import { DeliveryLog } from "../settings/delivery-log";
import { forbidden } from "../api/forbidden.server";
import { SecretOnce } from "../settings/secret-once";
import { settingsWorkspace } from "../settings/settings-workspace.server";
import { ProblemBanner, TextField } from "../shell/form-field";
import { Card, EmptyState, Facts, PageHeader, buttonClass } from "../shell/page";
import { formText } from "../api/form-field";

export const meta: MetaFunction = () => [{ title: "Webhook · TenantPilot Gate" }];

/** The delivery log's state in the URL; the workspace and the removal confirmation ride along. */
const search = listSearch<Omit<WebhookSearch, "workspace" | "confirm">>({ status: oneOf(webhookDeliveryStatuses), cursor: pageCursor() }, { pages: ["cursor"] });

function webhookWorkspace(request: Request, context: LoaderFunctionArgs["context"]) {
  const workspace = settingsWorkspace(request, context);
  if (!workspace.canManageWebhook) throw forbidden("The webhook is managed by the workspace's owners.");
  return workspace;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const workspace = webhookWorkspace(request, context);
  const state = search.parse(new URL(request.url).searchParams);
  const [detail] = pagesOrFirstPage([await attempt(request, context.api.webhooks.detail({ workspace: workspace.id, ...state, limit: 25 }))], {
    paged: search.paged(state),
    firstPage: routes.webhook({ ...workspace.linkSearch, ...search.next(state) }),
  });
  return { workspace, state, detail };
}

type Reply = { kind: "secret"; secret: string; message: string } | { kind: "done"; message: string } | { kind: "problem"; problem: FormProblem; values: { url: string } };

export async function action({ request, context }: ActionFunctionArgs) {
  const workspace = webhookWorkspace(request, context);
  const form = await request.formData();
  const intent = formText(form, "intent");
  if (intent === "configure") {
    const url = formText(form, "url");
    const saved = await attempt(request, context.api.webhooks.configure({ workspace: workspace.id, url, enabled: form.get("enabled") === "yes" }));
    if (!saved.ok) return { kind: "problem", problem: saved.problem, values: { url } } satisfies Reply;
    return saved.value.secret === null
      ? ({ kind: "done", message: "The webhook is saved; its signing secret is unchanged." } satisfies Reply)
      : ({ kind: "secret", secret: saved.value.secret, message: "The webhook is saved. Notifications are delivered to it from now on." } satisfies Reply);
  }
  if (intent === "rotate") {
    const rotated = await attempt(request, context.api.webhooks.rotateSecret({ workspace: workspace.id }));
    if (!rotated.ok) return { kind: "problem", problem: rotated.problem, values: { url: "" } } satisfies Reply;
    return { kind: "secret", secret: rotated.value.secret, message: "A new signing secret: deliveries from now on are signed with it." } satisfies Reply;
  }
  if (intent === "remove" && form.get("confirmed") === "yes") {
    const removed = await attempt(request, context.api.webhooks.remove({ workspace: workspace.id }));
    if (!removed.ok) return { kind: "problem", problem: removed.problem, values: { url: "" } } satisfies Reply;
    return { kind: "done", message: "The webhook is removed; pending deliveries are cancelled." } satisfies Reply;
  }
  return { kind: "problem", problem: { message: "Unknown action.", fieldErrors: {} }, values: { url: "" } } satisfies Reply;
}

export default function Webhook() {
  const { workspace, state, detail } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const { webhook, deliveries, signing } = detail;
  const confirmingRemove = params.get("confirm") === "remove" && webhook !== null;
  const here = (changes: Parameters<typeof search.next>[1]) => routes.webhook({ ...workspace.linkSearch, ...search.next(state, changes) });
  const problem = reply?.kind === "problem" ? reply.problem : undefined;

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Settings", to: routes.settings(workspace.linkSearch) }, { label: "Webhook" }]}
        title="Webhook"
        description={`${workspace.name}: every notification is also sent, signed, to this address — route it to Teams, Slack or your PSA through a relay.`}
      />
      <div className="space-y-6">
        {reply?.kind === "secret" ? (
          <div className="space-y-2">
            <p className="text-sm text-emerald-800">{reply.message}</p>
            <SecretOnce secret={reply.secret} />
          </div>
        ) : reply?.kind === "done" ? (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
            {reply.message}
          </p>
        ) : null}

        <Card title={webhook === null ? "Configure a webhook" : "Destination"}>
          <div className="space-y-5">
            {webhook === null ? null : (
              <Facts
                items={[
                  { label: "Configured by", value: webhook.createdBy?.displayName ?? "—" },
                  { label: "Last changed", value: <TimeStamp value={webhook.updatedAt} /> },
                  { label: "Signed with", value: `${signing.scheme}; headers ${Object.values(signing.headers).join(", ")}` },
                ]}
              />
            )}
            <Form method="post" className="space-y-4" autoComplete="off">
              <input type="hidden" name="intent" value="configure" />
              <ProblemBanner problem={problem} />
              <TextField label="URL" name="url" required defaultValue={reply?.kind === "problem" && reply.values.url !== "" ? reply.values.url : (webhook?.url ?? "")}
                placeholder="https://relay.example.com/tenantpilot" spellCheck={false} errors={problem?.fieldErrors.url}
                hint="http or https, without a user name or password. Redirects are not followed." />
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="enabled" value="yes" defaultChecked={webhook?.enabled ?? true} />
                Enabled (a disabled webhook receives nothing; its pending deliveries are cancelled)
              </label>
              <button type="submit" className={buttonClass.primary} disabled={saving}>
                {webhook === null ? "Create webhook" : "Save"}
              </button>
            </Form>
            {webhook === null ? null : (
              <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
                <Form method="post">
                  <input type="hidden" name="intent" value="rotate" />
                  <button type="submit" className={buttonClass.secondary} disabled={saving}>
                    Rotate signing secret
                  </button>
                </Form>
                {confirmingRemove ? null : (
                  <Link to={routes.webhook({ ...workspace.linkSearch, confirm: "remove" })} className={buttonClass.secondary}>
                    Remove webhook…
                  </Link>
                )}
              </div>
            )}
            {confirmingRemove ? (
              <div role="region" aria-label="Confirm removal" className="rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-950">
                <p className="font-semibold">Remove the webhook?</p>
                <p className="mt-1">Notifications stop being delivered to {webhook.url}; pending deliveries are cancelled. The delivery log stays.</p>
                <div className="mt-3 flex flex-wrap items-center gap-3">
                  <Form method="post" action={routes.webhook(workspace.linkSearch)}>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="confirmed" value="yes" />
                    <button type="submit" className={buttonClass.danger}>
                      Remove webhook
                    </button>
                  </Form>
                  <Link to={routes.webhook(workspace.linkSearch)} replace className={buttonClass.link}>
                    Keep it
                  </Link>
                </div>
              </div>
            ) : null}
          </div>
        </Card>

        <Card title="Deliveries" description="Retried with a doubling pause (30 s up to an hour), at most the attempts shown.">
          <div className="space-y-4">
            <FilterChips
              label="Delivery status"
              chips={[
                { value: "", label: "All", href: here({ status: undefined }), current: state.status === undefined },
                ...webhookDeliveryStatuses.map((status) => ({ value: status, label: describe({ webhookDelivery: status }), href: here({ status }), current: state.status === status })),
              ]}
            />
            {deliveries.items.length === 0 ? (
              <EmptyState title={search.filtered(state) ? "No deliveries with this status" : "No deliveries yet"}>
                Each notification (a run&apos;s end, a batch&apos;s end, a secret about to expire) becomes one delivery.
              </EmptyState>
            ) : (
              <DeliveryLog deliveries={deliveries.items} />
            )}
            <Pager
              label="Delivery pages"
              firstPage={search.paged(state) ? here({}) : undefined}
              nextPage={deliveries.nextCursor === null ? undefined : here({ cursor: deliveries.nextCursor })}
            />
          </div>
        </Card>
      </div>
    </>
  );
}
