import { data } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { isOperationId } from "@tenantpilot/dispatch-gate/contract";
import { attempt } from "../api/api-call.server";
import { startKey, type StartReply } from "./start-reply";
import { formText } from "../api/form-field";

/**
 * The one way a page starts an operation: the form names the operation (the start button's
 * name/value), its target and, for a write to the customer's tenant, the confirmation
 * (`confirmTenant`); the API's gate answers with a StartResult, which is the reply. 404/403 are
 * raised before the gate and end the request as error pages, never as "blocked".
 */
export async function startFromForm(
  request: Request,
  context: AppLoadContext,
  tenant: string,
  form: FormData,
): Promise<{ start: StartReply }> {
  const operation = formText(form, "operation");
  if (!isOperationId(operation)) throw data("Unknown operation.", { status: 400 });
  const targetValue = form.get("target");
  const target = typeof targetValue === "string" && targetValue !== "" ? targetValue : null;
  const confirmTenant = form.get("confirmTenant");
  const started = await attempt(
    request,
    context.api.operations.start({
      tenant,
      operation,
      ...(target === null ? {} : { target }),
      ...(typeof confirmTenant === "string" ? { confirmTenant } : {}),
    }),
  );
  // Not an outcome: the form itself was incomplete (a restore without its confirmation).
  if (!started.ok) throw data(started.problem.message, { status: 400 });
  return { start: { key: startKey(operation, target), operation, target, result: started.value } };
}
