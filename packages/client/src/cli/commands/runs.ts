import { describe, OperationIdSchema, RunStatusSchema } from "@tenantpilot/dispatch-gate/contract";
import { authenticatedClient, commonOptions, notLoggedIn, parseCommandArgs, type Command } from "../cli-io";
import { exitCodes, UsageError } from "../exit-codes";
import { label } from "../start-words";

/** `ops runs [--tenant <slug>] [--status <s>]… [--operation <id>] [--limit n] [--json]`: newest runs first. */
export const runs: Command = async (args, io) => {
  const { values } = parseCommandArgs({
    args,
    options: {
      ...commonOptions,
      tenant: { type: "string" },
      status: { type: "string", multiple: true },
      operation: { type: "string" },
      limit: { type: "string" },
    },
  });
  const statuses = (values.status ?? []).map((status) => {
    const parsed = RunStatusSchema.safeParse(status);
    if (!parsed.success) throw new UsageError(`unknown status "${status}"; one of ${RunStatusSchema.options.join(", ")}`);
    return parsed.data;
  });
  const operation = values.operation === undefined ? undefined : OperationIdSchema.safeParse(values.operation);
  if (operation && !operation.success) throw new UsageError(`unknown operation "${values.operation}"`);
  const limit = values.limit === undefined ? 25 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError("--limit must be 1–100");

  const session = authenticatedClient(values.url, io);
  if (!session) return notLoggedIn;
  const page = await session.client.operations.list.query({
    ...(values.tenant === undefined ? {} : { tenant: values.tenant }),
    ...(statuses.length > 0 ? { status: statuses } : {}),
    ...(operation?.success ? { operation: operation.data } : {}),
    limit,
  });
  if (values.json) {
    io.out(`${JSON.stringify(page, null, 2)}\n`);
    return exitCodes.ok;
  }
  if (page.items.length === 0) io.out("No runs.\n");
  for (const run of page.items) {
    io.out(`${run.id}  ${describe({ runStatus: run.status }).padEnd(19)} ${label(run).padEnd(16)} ${run.tenant.slug.padEnd(24)} ${run.createdAt.toISOString()}\n`);
  }
  return exitCodes.ok;
};
