import type { AppLoadContext } from "@remix-run/node";
import { attempt } from "../api/api-call.server";
import type { FormProblem } from "../api/page-error";
import { startKey, type StartReply } from "../start/start-reply";
import { formTrimmed } from "../api/form-field";

export type RestoreReply = { start: StartReply } | { restoreProblem: FormProblem };

/**
 * The restore of a backup set with the policies checked in its preview (`backupItemId`) and the
 * tenant's short name as the operator typed it (`confirmTenant`). The gate checks both — the
 * selection against the set, the name against the tenant — and refuses them as bad input, which
 * comes back here as the form's problem; its four answers come back as a start reply.
 */
export async function restoreFromForm(request: Request, context: AppLoadContext, tenant: string, setId: string, form: FormData): Promise<RestoreReply> {
  const backupItemIds = form.getAll("backupItemId").filter((value): value is string => typeof value === "string" && value !== "");
  if (backupItemIds.length === 0) return { restoreProblem: { message: "Select at least one policy to restore.", fieldErrors: {} } };
  const started = await attempt(
    request,
    context.api.operations.start({
      tenant,
      operation: "restore.execute",
      target: setId,
      confirmTenant: formTrimmed(form, "confirmTenant"),
      selection: { backupItemIds },
    }),
  );
  if (!started.ok) return { restoreProblem: started.problem };
  return { start: { key: startKey("restore.execute", setId), operation: "restore.execute", target: setId, result: started.value } };
}
