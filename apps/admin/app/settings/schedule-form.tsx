import { useId } from "react";
import { Form, Link } from "@remix-run/react";
import { bulkOperationIds, cadences, operationCatalog, reportKindIds, reportKinds, weekdayNames, type TenantSelection } from "@tenantpilot/dispatch-gate/contract";
import type { FormProblem } from "../api/page-error";
import type { ApiOutputs } from "../live/trpc";
import { ProblemBanner, TextField } from "../shell/form-field";
import { buttonClass } from "../shell/page";

type Schedule = ApiOutputs["schedules"]["list"][number];
type Tag = ApiOutputs["tags"]["list"][number];

const selectClass = "block w-full rounded-md border-0 py-2 pl-3 pr-8 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900";

function FieldErrors({ problem, field }: { problem: FormProblem | undefined; field: string }) {
  const messages = Object.entries(problem?.fieldErrors ?? {})
    .filter(([path]) => path === field || path.startsWith(`${field}.`))
    .flatMap(([, list]) => list);
  return messages.length === 0 ? null : <p className="text-xs font-medium text-rose-700">{messages.join(" ")}</p>;
}

/** The "Tenants" choice a saved selection shows as: the form's own words for filters it can express. */
function tenantsChoice(selection: TenantSelection | undefined): string {
  if (selection === undefined) return "all";
  if (selection.kind === "tenants") return "kept";
  return selection.filter.tagId === undefined ? "all" : `tag:${selection.filter.tagId}`;
}

/**
 * What a schedule starts (operation, report), on which tenants (every one or a tag's, optionally
 * only those ready now) and when (daily or weekly, at a time in the workspace's time zone).
 * Works without JavaScript: every field is always there; the API names a field it refuses.
 */
export function ScheduleForm({
  schedule,
  tags,
  timeZone,
  problem,
  cancelTo,
  saving,
}: {
  schedule: Schedule | undefined;
  tags: readonly Tag[];
  timeZone: string;
  problem: FormProblem | undefined;
  cancelTo: string;
  saving: boolean;
}) {
  const id = useId();
  const selection = schedule?.selection;
  const filter = selection?.kind === "filter" ? selection.filter : undefined;
  return (
    <Form method="post" className="space-y-5">
      <input type="hidden" name="intent" value="save" />
      <ProblemBanner problem={problem} />
      <TextField label="Name" name="name" required defaultValue={schedule?.name} placeholder="Weekly backup of EU customers" errors={problem?.fieldErrors.name} />

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1 text-sm font-medium text-slate-800">
          <label htmlFor={`${id}-operation`} className="block">
            Operation
          </label>
          <select id={`${id}-operation`} name="operation" defaultValue={schedule?.operation ?? "inventory.sync"} className={selectClass}>
            {bulkOperationIds.map((operation) => (
              <option key={operation} value={operation}>
                {operationCatalog[operation].label}
              </option>
            ))}
          </select>
          <FieldErrors problem={problem} field="operation" />
        </div>
        <div className="space-y-1 text-sm font-medium text-slate-800">
          <label htmlFor={`${id}-report`} className="block">
            Report <span className="font-normal text-slate-500">(for {operationCatalog["report.generate"].label})</span>
          </label>
          <select id={`${id}-report`} name="reportKind" defaultValue={schedule?.reportKind ?? ""} className={selectClass}>
            <option value="">—</option>
            {reportKindIds.map((kind) => (
              <option key={kind} value={kind}>
                {reportKinds[kind].label}
              </option>
            ))}
          </select>
          <FieldErrors problem={problem} field="reportKind" />
        </div>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Tenants</legend>
        <select name="tenants" aria-label="Tenants" defaultValue={tenantsChoice(selection)} className={selectClass}>
          <option value="all">{filter?.status === "active" ? "Every active tenant" : "Every tenant (not archived)"}</option>
          {tags.map((tag) => (
            <option key={tag.id} value={`tag:${tag.id}`}>
              Tagged “{tag.name}”
            </option>
          ))}
          {selection?.kind === "tenants" ? <option value="kept">The {selection.tenants.length} tenants chosen when it was saved</option> : null}
        </select>
        {filter?.status === "active" ? <input type="hidden" name="status" value="active" /> : null}
        {selection?.kind === "tenants" ? <input type="hidden" name="keptSelection" value={JSON.stringify(selection)} /> : null}
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="onlyReady" value="yes" defaultChecked={filter?.readiness !== undefined} />
          Only tenants the operation is ready for when it fires (others are left out instead of answering Blocked)
        </label>
        <FieldErrors problem={problem} field="selection" />
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">When ({timeZone})</legend>
        <div className="flex flex-wrap items-end gap-4">
          {cadences.map((cadence) => (
            <label key={cadence} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="radio" name="cadence" value={cadence} defaultChecked={(schedule?.cadence ?? "daily") === cadence} />
              {cadence === "daily" ? "Every day" : "Every week on"}
            </label>
          ))}
          <select name="weekday" aria-label="Weekday" defaultValue={String(schedule?.weekday ?? 1)} className={`${selectClass} w-auto`}>
            {weekdayNames.map((day, index) => (
              <option key={day} value={index}>
                {day}
              </option>
            ))}
          </select>
          <div className="space-y-1 text-sm font-medium text-slate-800">
            <label htmlFor={`${id}-time`} className="block">
              At
            </label>
            <input id={`${id}-time`} type="time" name="time" required defaultValue={schedule?.time ?? "02:00"} className={`${selectClass} w-auto`} />
          </div>
        </div>
        <FieldErrors problem={problem} field="cadence" />
        <FieldErrors problem={problem} field="weekday" />
        <FieldErrors problem={problem} field="time" />
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={saving}>
          {saving ? "Saving…" : "Save schedule"}
        </button>
        <Link to={cancelTo} className={buttonClass.link}>
          Cancel
        </Link>
      </div>
    </Form>
  );
}
