import { Form, Link } from "@remix-run/react";
import { describe, operationCatalog, reportKinds, routes, scheduleWhen, isReportKind, isOperationId } from "@tenantpilot/dispatch-gate/contract";
import { TimeStamp } from "@tenantpilot/ui";
import { DataTable, type Column } from "../lists/data-table";
import type { ApiOutputs } from "../live/trpc";
import { Pill, buttonClass } from "../shell/page";
import { selectionWords } from "./selection-words";

type Schedule = ApiOutputs["schedules"]["list"][number];
type Tag = ApiOutputs["tags"]["list"][number];

function operationWords(schedule: Schedule): string {
  const label = isOperationId(schedule.operation) ? operationCatalog[schedule.operation].label : schedule.operation;
  return schedule.reportKind !== null && isReportKind(schedule.reportKind) ? `${label}: ${reportKinds[schedule.reportKind].label}` : label;
}

function scheduleColumns(tags: readonly Tag[], manage: { canManage: boolean; workspace: { workspace?: string } }): Column<Schedule>[] {
  const columns: Column<Schedule>[] = [
    {
      key: "name",
      header: "Schedule",
      cell: (schedule) => (
        <>
          <p className="font-medium text-slate-900">
            {schedule.name} {schedule.isDefault ? <Pill tone="sky">Default</Pill> : null} {schedule.paused ? <Pill tone="amber">Paused</Pill> : null}
          </p>
          <p className="mt-0.5 text-slate-600">
            {operationWords(schedule)} · {selectionWords(schedule.selection, tags)}
          </p>
          <p className="text-slate-500">
            {scheduleWhen(schedule)} ({schedule.timeZone})
          </p>
        </>
      ),
    },
    {
      key: "next",
      header: "Next run",
      cell: (schedule) => (schedule.nextRunAt === null ? <span className="text-slate-500">Paused: does not run</span> : <TimeStamp value={schedule.nextRunAt} />),
    },
    {
      key: "last",
      header: "Last batch",
      cell: (schedule) =>
        schedule.lastBatch === null ? (
          <span className="text-slate-500">Not run yet</span>
        ) : (
          <Link to={routes.batch(schedule.lastBatch.id)} className={buttonClass.link}>
            {describe({ batchStatus: schedule.lastBatch.status })} · <TimeStamp value={schedule.lastBatch.createdAt} />
          </Link>
        ),
    },
  ];
  if (!manage.canManage) return columns;
  return [
    ...columns,
    {
      key: "actions",
      header: "Actions",
      hiddenHeader: true,
      align: "end",
      cell: (schedule) => (
        <div className="flex flex-wrap justify-end gap-2">
          <Link to={routes.schedule(schedule.id, manage.workspace)} className={buttonClass.secondary} aria-label={`Edit ${schedule.name}`}>
            Edit
          </Link>
          <Form method="post">
            <input type="hidden" name="intent" value={schedule.paused ? "resume" : "pause"} />
            <input type="hidden" name="scheduleId" value={schedule.id} />
            <button type="submit" className={buttonClass.secondary} aria-label={`${schedule.paused ? "Resume" : "Pause"} ${schedule.name}`}>
              {schedule.paused ? "Resume" : "Pause"}
            </button>
          </Form>
          <Link
            to={routes.settings({ ...manage.workspace, confirm: "delete", schedule: schedule.id })}
            className={buttonClass.secondary}
            aria-label={`Delete ${schedule.name}…`}
          >
            Delete…
          </Link>
        </div>
      ),
    },
  ];
}

/** The workspace's schedules: what each starts on which tenants, when it runs next, and its last batch. */
export function ScheduleTable({ schedules, tags, canManage, workspace }: { schedules: readonly Schedule[]; tags: readonly Tag[]; canManage: boolean; workspace: { workspace?: string } }) {
  return (
    <DataTable
      caption="Schedules"
      columns={scheduleColumns(tags, { canManage, workspace })}
      rows={schedules}
      rowKey={(schedule) => schedule.id}
      rowData={(schedule) => ({ "data-schedule": schedule.name, "data-paused": String(schedule.paused) })}
    />
  );
}
