import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { describe, routes, restoreActions } from "@tenantpilot/dispatch-gate/contract";
import { ReadinessHint, StartResultNotice } from "@tenantpilot/ui";
import type { FormProblem } from "../api/page-error";
import type { ApiOutputs } from "../live/trpc";
import { ProblemBanner, TextField } from "../shell/form-field";
import { buttonClass } from "../shell/page";
import { startReplyOf } from "../start/start-reply";
import { InventoryBasis } from "./inventory-basis";
import { LeftAlonePolicies, RestorePolicyTable } from "./restore-policy-table";
import type { RestoreReply } from "./restore-action.server";

type Preview = ApiOutputs["backupSets"]["restorePreview"];

const formId = "restore-form";

/** The restore form's problem in the page's action data (other forms of the page answer other shapes). */
function restoreProblemOf(data: unknown): FormProblem | undefined {
  return typeof data === "object" && data !== null && "restoreProblem" in data ? (data as Extract<RestoreReply, { restoreProblem: FormProblem }>).restoreProblem : undefined;
}

/**
 * The confirm step of a restore: per policy what it will create, overwrite or leave alone (and how
 * current that is), the policies to write (checked as the preview suggests), the tenant's short
 * name typed as the confirmation, then the gate's answer.
 */
export function RestoreConfirm({ preview }: { preview: Preview }) {
  const data = useActionData();
  const reply = startReplyOf(data);
  const restoreReply = reply?.operation === "restore.execute" ? reply : undefined;
  const problem = restoreProblemOf(data);
  const pending = useNavigation().formData?.get("intent") === "restore";
  const { tenant, backupSet, counts } = preview;
  const summary = restoreActions
    .filter((action) => counts[action] > 0)
    .map((action) => `${counts[action]} · ${describe({ restoreAction: action })}`);

  return (
    <div className="space-y-4" role="region" aria-label="Confirm restore">
      <div className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950">
        <p className="font-semibold">
          Restore “{backupSet.name}” to {tenant.displayName}?
        </p>
        <p className="mt-1">Choose the policies to write. A restore is never retried automatically, and it never deletes a policy.</p>
        <ul className="mt-2 list-disc pl-5" aria-label="What the restore does">
          {summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <InventoryBasis basis={preview.basis} tenantName={tenant.displayName} />
      <RestorePolicyTable policies={preview.policies} form={formId} />
      <LeftAlonePolicies policies={preview.policies} />
      <Form method="post" id={formId} className="space-y-3">
        <input type="hidden" name="intent" value="restore" />
        <ProblemBanner problem={problem} />
        <TextField
          label={`Type ${tenant.slug} to confirm`}
          name="confirmTenant"
          required
          autoComplete="off"
          spellCheck={false}
          hint={`The short name of ${tenant.displayName}: the restore writes to this tenant.`}
          errors={problem?.fieldErrors.confirmTenant ?? problem?.fieldErrors.selection}
        />
        <ReadinessHint preview={preview.restore} operation="restore.execute" />
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClass.danger} disabled={pending}>
            {pending ? "Starting…" : `Restore the selected policies to ${tenant.displayName}`}
          </button>
          <Link to={routes.backupSet(tenant.slug, backupSet.id)} replace className={buttonClass.link + " text-sm"}>
            Cancel
          </Link>
        </div>
      </Form>
      {restoreReply ? (
        <StartResultNotice result={restoreReply.result} operation="restore.execute" targetLabel={`${tenant.displayName} from “${backupSet.name}”`} autoFocus />
      ) : null}
    </div>
  );
}
