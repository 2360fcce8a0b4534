import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { routes } from "@tenantpilot/dispatch-gate/contract";
import type { FormProblem } from "../api/page-error";
import type { ApiOutputs } from "../live/trpc";
import { Card, PageHeader } from "../shell/page";
import { ScheduleForm } from "./schedule-form";

export interface SchedulePageData {
  workspace: { name: string; linkSearch: { workspace?: string } };
  schedule: ApiOutputs["schedules"]["list"][number] | undefined;
  tags: ApiOutputs["tags"]["list"];
  timeZone: string;
}

/** The page of a new schedule and of an existing one: the same form, saved through the page's action. */
export function SchedulePage({ title }: { title: string }) {
  const { workspace, schedule, tags, timeZone } = useLoaderData<SchedulePageData>();
  const reply = useActionData<{ problem: FormProblem } | undefined>();
  const saving = useNavigation().state === "submitting";
  const back = routes.settings(workspace.linkSearch);
  return (
    <>
      <PageHeader crumbs={[{ label: "Settings", to: back }, { label: title }]} title={title} description={workspace.name} />
      <div className="max-w-3xl">
        <Card>
          <ScheduleForm schedule={schedule} tags={tags} timeZone={timeZone} problem={reply?.problem} cancelTo={back} saving={saving} />
        </Card>
      </div>
    </>
  );
}
