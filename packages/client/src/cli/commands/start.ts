import { authenticatedClient, notLoggedIn, type Command } from "../cli-io";
import { outcomeExitCodes } from "../exit-codes";
import { describeStart } from "../start-words";
import { parseOperationArgs } from "./operation-args";
import { isBulkStart, startMany } from "./start-many";

/**
 * `ops start <operation> --tenant <slug> [--target <id>] [--confirm-tenant <slug>] [--json]`. Exit
 * status by outcome: 0 accepted, 10 deduped, 11 scope busy, 12 blocked (3 forbidden, 4 not found;
 * 2 for a restore without --confirm-tenant).
 * With --all, --tag or --tenants instead of --tenant: a bulk start (start-many.ts).
 */
export const start: Command = async (args, io) => {
  if (isBulkStart(args)) return startMany(args, io);
  const { values, input, confirmTenant } = parseOperationArgs("start", args);
  const session = authenticatedClient(values.url, io);
  if (!session) return notLoggedIn;
  const result = await session.client.operations.start.mutate({ ...input, ...(confirmTenant === undefined ? {} : { confirmTenant }) });
  io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : describeStart(result, session.url));
  return outcomeExitCodes[result.outcome];
};
