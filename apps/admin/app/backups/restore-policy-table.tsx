import { TimeStamp } from "@tenantpilot/ui";
import { DataTable, type Column } from "../lists/data-table";
import type { ApiOutputs } from "../live/trpc";
import { Pill } from "../shell/page";

type RestorePolicy = ApiOutputs["backupSets"]["restorePreview"]["policies"][number];

const tones = { create: "sky", overwrite: "amber", unchanged: "slate", left_alone: "slate", unknown: "amber" } as const;

const columns: readonly Column<RestorePolicy>[] = [
  {
    key: "policy",
    header: "Policy",
    className: "max-w-sm break-words",
    cell: (policy) => (
      <>
        <p className="font-medium text-slate-900">{policy.displayName}</p>
        <p className="text-xs text-slate-500">{policy.familyLabel}</p>
      </>
    ),
  },
  { key: "action", header: "What the restore does", className: "max-w-xs", cell: (policy) => <Pill tone={tones[policy.action]}>{policy.actionWords}</Pill> },
  {
    key: "modified",
    header: "Modified in the tenant",
    cell: (policy) =>
      policy.current?.lastModifiedAt ? <TimeStamp value={policy.current.lastModifiedAt} /> : <span className="text-slate-500">—</span>,
  },
];

/**
 * The backup's policies with what a restore would do to each, judged from the latest inventory
 * sync; checked as the API suggests (created, overwritten or unknown), sent with the restore form.
 */
export function RestorePolicyTable({ policies, form }: { policies: readonly RestorePolicy[]; form: string }) {
  const selectable = policies.filter((policy) => policy.selectable && policy.backupItemId !== null);
  return (
    <DataTable
      caption="Policies the restore can write"
      columns={columns}
      rows={selectable}
      rowKey={(policy) => policy.backupItemId ?? policy.externalId}
      rowData={(policy) => ({ "data-restore-policy": policy.displayName, "data-restore-action": policy.action })}
      selection={{
        name: "backupItemId",
        form,
        value: (policy) => policy.backupItemId ?? "",
        label: (policy) => `Restore ${policy.displayName}`,
        selected: new Set(selectable.filter((policy) => policy.selectedByDefault).map((policy) => policy.backupItemId ?? "")),
      }}
    />
  );
}

/** The tenant's policies the backup does not hold: listed so nothing is a surprise, never written. */
export function LeftAlonePolicies({ policies }: { policies: readonly RestorePolicy[] }) {
  const left = policies.filter((policy) => !policy.selectable);
  if (left.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-700">
        {left.length} {left.length === 1 ? "policy" : "policies"} of the tenant not in this backup — {left[0]?.actionWords}
      </summary>
      <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200">
        {left.map((policy) => (
          <li key={`${policy.family}:${policy.externalId}`} className="flex justify-between gap-4 px-4 py-2">
            <span className="break-words text-slate-900">{policy.displayName}</span>
            <span className="shrink-0 text-xs text-slate-500">{policy.familyLabel}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
