import { authenticatedClient, commonOptions, notLoggedIn, parseCommandArgs, type Command } from "../cli-io";
import { exitCodes } from "../exit-codes";
import { readinessWords } from "../start-words";

/** `ops tenants [--json]`: the tenants you see, with their readiness. */
export const tenants: Command = async (args, io) => {
  const { values } = parseCommandArgs({ args, options: commonOptions });
  const session = authenticatedClient(values.url, io);
  if (!session) return notLoggedIn;
  const list = await session.client.tenants.list.query();
  if (values.json) {
    io.out(`${JSON.stringify(list, null, 2)}\n`);
    return exitCodes.ok;
  }
  if (list.length === 0) io.out("No tenants.\n");
  for (const tenant of list) {
    io.out(`${tenant.slug.padEnd(24)} ${tenant.displayName.padEnd(28)} ${tenant.status.padEnd(10)} ${readinessWords(tenant.readiness)}\n`);
  }
  return exitCodes.ok;
};
