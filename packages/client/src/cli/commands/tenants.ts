import { authenticatedClient, commonOptions, notLoggedIn, parseCommandArgs, type Command } from "../cli-io";
import { exitCodes } from "../exit-codes";
import { readinessWords } from "../start-words";

/** `ops tenants [--json]`: the tenants you see (the first 200), with their readiness to sync inventory. */
export const tenants: Command = async (args, io) => {
  const { values } = parseCommandArgs({ args, options: commonOptions });
  const session = authenticatedClient(values.url, io);
  if (!session) return notLoggedIn;
  const { items: list } = await session.client.tenants.list.query({ limit: 200, readiness: [{ operation: "inventory.sync" }] });
  if (values.json) {
    io.out(`${JSON.stringify(list, null, 2)}\n`);
    return exitCodes.ok;
  }
  if (list.length === 0) io.out("No tenants.\n");
  for (const tenant of list) {
    io.out(`${tenant.slug.padEnd(24)} ${tenant.displayName.padEnd(28)} ${tenant.status.padEnd(10)} ${tenant.readiness[0]?.result ? readinessWords(tenant.readiness[0].result) : ""}\n`);
  }
  return exitCodes.ok;
};
