import { describeAuditEntry } from "@tenantpilot/dispatch-gate/contract";
import { authenticatedClient, commonOptions, notLoggedIn, parseCommandArgs, type Command } from "../cli-io";
import { exitCodes, UsageError } from "../exit-codes";

/**
 * `ops activity --tenant <slug> [--blocked] [--limit n] [--json]`: the tenant's audit trail, newest
 * first, in the words the activity page uses — including starts the gate blocked (no run shows them).
 */
export const activity: Command = async (args, io) => {
  const { values } = parseCommandArgs({
    args,
    options: { ...commonOptions, tenant: { type: "string" }, blocked: { type: "boolean", default: false }, limit: { type: "string" } },
  });
  if (values.tenant === undefined) throw new UsageError("--tenant is required");
  const limit = values.limit === undefined ? 25 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError("--limit must be 1–100");

  const session = authenticatedClient(values.url, io);
  if (!session) return notLoggedIn;
  const page = await session.client.audit.list.query({ tenant: values.tenant, blockedOnly: values.blocked, limit });
  if (values.json) {
    io.out(`${JSON.stringify(page, null, 2)}\n`);
    return exitCodes.ok;
  }
  if (page.items.length === 0) io.out(values.blocked ? "No blocked starts.\n" : "No activity.\n");
  for (const entry of page.items) {
    const words = describeAuditEntry(entry, { tenantSlug: values.tenant });
    const what = words.operation === null ? words.title : `${words.title} · ${words.operation}`;
    io.out(`${entry.createdAt.toISOString()}  ${what} — ${words.actor}\n`);
    if (words.detail !== null) io.out(`    ${words.detail}\n`);
  }
  return exitCodes.ok;
};
