import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { isUuid, routes } from "@tenantpilot/dispatch-gate/contract";
import { attempt, load } from "../api/api-call.server";
import { notFound } from "../api/not-found.server";
import type { FormProblem } from "../api/page-error";
import { ScheduleTable } from "../settings/schedule-table";
import { settingsWorkspace } from "../settings/settings-workspace.server";
import { timeZoneChoices } from "../settings/time-zones.server";
import { WorkspaceSettingsForm } from "../settings/workspace-settings-form";
import { ProblemBanner } from "../shell/form-field";
import { Card, EmptyState, PageHeader, buttonClass } from "../shell/page";
import { formText } from "../api/form-field";

export const meta: MetaFunction = () => [{ title: "Settings · TenantPilot Gate" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const workspace = settingsWorkspace(request, context);
  const [settings, schedules, tags] = await Promise.all([
    load(request, context.api.workspaces.settings({ workspace: workspace.id })),
    load(request, context.api.schedules.list({ workspace: workspace.id })),
    load(request, context.api.tags.list({ workspace: workspace.id })),
  ]);
  return { workspace, settings, timeZones: timeZoneChoices(settings.timeZone), schedules, tags };
}

type Reply = { kind: "done"; message: string } | { kind: "problem"; form: "settings" | "schedules"; problem: FormProblem };

export async function action({ request, context }: ActionFunctionArgs) {
  const workspace = settingsWorkspace(request, context);
  const form = await request.formData();
  const intent = formText(form, "intent");
  if (intent === "settings") {
    const cap = Number(form.get("batchRunCap"));
    const saved = await attempt(
      request,
      context.api.workspaces.updateSettings({ workspace: workspace.id, timeZone: formText(form, "timeZone"), batchRunCap: Number.isFinite(cap) ? cap : 0 }),
    );
    return saved.ok ? ({ kind: "done", message: "Settings saved. Every schedule's next run follows the time zone." } satisfies Reply) : ({ kind: "problem", form: "settings", problem: saved.problem } satisfies Reply);
  }
  const scheduleId = formText(form, "scheduleId");
  if (!isUuid(scheduleId)) throw notFound("No such schedule.");
  if (intent === "pause" || intent === "resume") {
    await load(request, intent === "pause" ? context.api.schedules.pause({ scheduleId }) : context.api.schedules.resume({ scheduleId }));
    return { kind: "done", message: intent === "pause" ? "The schedule is paused." : "The schedule is running again from its next due time." } satisfies Reply;
  }
  if (intent === "delete" && form.get("confirmed") === "yes") {
    await load(request, context.api.schedules.delete({ scheduleId }));
    return { kind: "done", message: "The schedule is deleted. Its earlier batches stay in monitoring." } satisfies Reply;
  }
  return { kind: "problem", form: "schedules", problem: { message: "Unknown action.", fieldErrors: {} } } satisfies Reply;
}

export default function Settings() {
  const { workspace, settings, timeZones, schedules, tags } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const deleting = params.get("confirm") === "delete" ? schedules.find((schedule) => schedule.id === params.get("schedule")) : undefined;
  const problem = (form: "settings" | "schedules") => (reply?.kind === "problem" && reply.form === form ? reply.problem : undefined);

  return (
    <>
      <PageHeader
        title="Settings"
        description={`${workspace.name}: when schedules run, how much bulk work runs at once, and where notifications are delivered.`}
        actions={
          workspace.canManageWebhook ? (
            <Link to={routes.webhook(workspace.linkSearch)} className={buttonClass.secondary}>
              Webhook
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        {reply?.kind === "done" ? (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
            {reply.message}
          </p>
        ) : null}

        <Card title="Workspace">
          <WorkspaceSettingsForm
            settings={settings}
            timeZones={timeZones}
            canManage={workspace.canManageSchedules}
            problem={problem("settings")}
            saving={navigation.state === "submitting" && navigation.formData?.get("intent") === "settings"}
          />
        </Card>

        <Card
          title="Schedules"
          description="Recurring bulk starts. Each run is a batch, like one started by hand; tenants that cannot run answer Blocked there."
          actions={
            workspace.canManageSchedules ? (
              <Link to={routes.newSchedule(workspace.linkSearch)} className={buttonClass.primary}>
                New schedule
              </Link>
            ) : null
          }
        >
          <div className="space-y-4">
            <ProblemBanner problem={problem("schedules")} />
            {deleting && workspace.canManageSchedules ? (
              <div role="region" aria-label="Confirm deletion" className="rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-950">
                <p className="font-semibold">Delete “{deleting.name}”?</p>
                <p className="mt-1">It will not run again. Its earlier batches stay in monitoring. To stop it for a while, pause it instead.</p>
                <div className="mt-3 flex flex-wrap items-center gap-3">
                  <Form method="post" action={routes.settings(workspace.linkSearch)}>
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="scheduleId" value={deleting.id} />
                    <input type="hidden" name="confirmed" value="yes" />
                    <button type="submit" className={buttonClass.danger}>
                      Delete {deleting.name}
                    </button>
                  </Form>
                  <Link to={routes.settings(workspace.linkSearch)} replace className={buttonClass.link}>
                    Keep it
                  </Link>
                </div>
              </div>
            ) : null}
            {schedules.length === 0 ? (
              <EmptyState title="No schedules">A schedule starts an operation on a set of tenants every day or every week.</EmptyState>
            ) : (
              <ScheduleTable schedules={schedules} tags={tags} canManage={workspace.canManageSchedules} workspace={workspace.linkSearch} />
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
