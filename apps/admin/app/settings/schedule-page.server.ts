import { redirect, type AppLoadContext } from "@remix-run/node";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import { attempt, load } from "../api/api-call.server";
import type { FormProblem } from "../api/page-error";
import { forbidden } from "../api/forbidden.server";
import { scheduleSpecFrom } from "./schedule-spec.server";
import { settingsWorkspace } from "./settings-workspace.server";

/** What a schedule page shows: the workspace's schedules (to find the one edited), tags and time zone. */
export async function loadSchedulePage(request: Request, context: AppLoadContext, scheduleId: string | null) {
  const workspace = settingsWorkspace(request, context);
  if (!workspace.canManageSchedules) throw forbidden("Managing schedules needs a manager or owner.");
  const [schedules, tags, settings] = await Promise.all([
    load(request, context.api.schedules.list({ workspace: workspace.id })),
    load(request, context.api.tags.list({ workspace: workspace.id })),
    load(request, context.api.workspaces.settings({ workspace: workspace.id })),
  ]);
  const schedule = scheduleId === null ? undefined : schedules.find((candidate) => candidate.id === scheduleId);
  return { workspace, schedule, tags, timeZone: settings.timeZone };
}

/** Saves the form as a new schedule (scheduleId null) or over one; back to the settings page, or the form's problem. */
export async function saveSchedule(request: Request, context: AppLoadContext, scheduleId: string | null): Promise<{ problem: FormProblem }> {
  const workspace = settingsWorkspace(request, context);
  const parsed = scheduleSpecFrom(await request.formData());
  if (!parsed.ok) return { problem: parsed.problem };
  const saved = await attempt(
    request,
    scheduleId === null
      ? context.api.schedules.create({ workspace: workspace.id, ...parsed.spec })
      : context.api.schedules.update({ scheduleId, ...parsed.spec }),
  );
  if (!saved.ok) return { problem: saved.problem };
  throw redirect(routes.settings(workspace.linkSearch));
}
