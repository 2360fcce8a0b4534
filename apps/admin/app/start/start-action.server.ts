import { data } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { isOperationId } from "@tenantpilot/dispatch-gate/contract";
import { load } from "../api/api-call.server";
import { startKey, type StartReply } from "./start-reply";

/**
 * The one way a page starts an operation: the form names the operation (the start button's
 * name/value) and its target; the API's gate answers with a StartResult, which is the reply.
 * 404/403 are raised before the gate and end the request as error pages, never as "blocked".
 */
export async function startFromForm(
  request: Request,
  context: AppLoadContext,
  tenant: string,
  form: FormData,
): Promise<{ start: StartReply }> {
  const operation = String(form.get("operation") ?? "");
  if (!isOperationId(operation)) throw data("Unknown operation.", { status: 400 });
  const targetValue = form.get("target");
  const target = typeof targetValue === "string" && targetValue !== "" ? targetValue : null;
  const result = await load(
    request,
    context.api.operations.start({ tenant, operation, ...(target === null ? {} : { target }) }),
  );
  return { start: { key: startKey(operation, target), operation, target, result } };
}
