import { isOperationId, operationIds, type OperationId } from "@tenantpilot/dispatch-gate/contract";
import { commonOptions, parseCommandArgs } from "../cli-io";
import { UsageError } from "../exit-codes";

/**
 * `<operation> --tenant <slug> [--target <id>] [--confirm-tenant <slug>]`, shared by preview and
 * start. The confirmation is what a restore needs (the gate refuses one without it); preview ignores it.
 */
export function parseOperationArgs(command: string, args: string[]) {
  const { values, positionals } = parseCommandArgs({
    args,
    options: { ...commonOptions, tenant: { type: "string" }, target: { type: "string" }, "confirm-tenant": { type: "string" } },
    allowPositionals: true,
  });
  const [operation, ...extra] = positionals;
  if (operation === undefined) throw new UsageError(`${command} needs an operation: ${operationIds.join(", ")}`);
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  if (!isOperationId(operation)) throw new UsageError(`unknown operation "${operation}"; one of ${operationIds.join(", ")}`);
  if (values.tenant === undefined) throw new UsageError(`${command} needs --tenant <slug>`);
  const input: { tenant: string; operation: OperationId; target?: string } = { tenant: values.tenant, operation };
  if (values.target !== undefined) input.target = values.target;
  const confirmTenant = values["confirm-tenant"];
  return { values, input, confirmTenant };
}
