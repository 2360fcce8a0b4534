import { useId } from "react";
import { Form } from "@remix-run/react";
import type { FormProblem } from "../api/page-error";
import { ProblemBanner } from "../shell/form-field";
import { buttonClass } from "../shell/page";

const inputClass = "block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-slate-900";


/** Time zone (schedules fire in it) and batch run cap, for roles that manage schedules; read-only facts for the others. */
export function WorkspaceSettingsForm({
  settings,
  timeZones,
  canManage,
  problem,
  saving,
}: {
  settings: { timeZone: string; batchRunCap: number };
  /** From the loader (the server's list), so that server and browser render the same options. */
  timeZones: readonly string[];
  canManage: boolean;
  problem: FormProblem | undefined;
  saving: boolean;
}) {
  const id = useId();
  const errors = (field: string) => problem?.fieldErrors[field]?.join(" ");
  return (
    <Form method="post" className="space-y-4">
      <input type="hidden" name="intent" value="settings" />
      <ProblemBanner problem={problem} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1 text-sm font-medium text-slate-800">
          <label htmlFor={`${id}-zone`} className="block">
            Time zone
          </label>
          <select id={`${id}-zone`} name="timeZone" defaultValue={settings.timeZone} disabled={!canManage} className={inputClass} aria-invalid={errors("timeZone") ? true : undefined}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          <span className="block text-xs font-normal text-slate-500">Schedules fire at their wall-clock time in this zone, across daylight-saving changes.</span>
          {errors("timeZone") ? <span className="block text-xs text-rose-700">{errors("timeZone")}</span> : null}
        </div>
        <div className="space-y-1 text-sm font-medium text-slate-800">
          <label htmlFor={`${id}-cap`} className="block">
            Batch run cap
          </label>
          <input id={`${id}-cap`} type="number" name="batchRunCap" min={1} max={64} required defaultValue={settings.batchRunCap} disabled={!canManage} className={inputClass}
            aria-invalid={errors("batchRunCap") ? true : undefined} />
          <span className="block text-xs font-normal text-slate-500">
            At most this many runs of bulk starts and schedules run at once in this workspace; operator clicks always go first.
          </span>
          {errors("batchRunCap") ? <span className="block text-xs text-rose-700">{errors("batchRunCap")}</span> : null}
        </div>
      </div>
      {canManage ? (
        <button type="submit" className={buttonClass.primary} disabled={saving}>
          {saving ? "Saving…" : "Save settings"}
        </button>
      ) : (
        <p className="text-xs text-slate-500">Changing these needs a manager or owner.</p>
      )}
    </Form>
  );
}
