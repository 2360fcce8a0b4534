import { printApiError, type CliIo, type Command } from "./cli-io";
import { activity } from "./commands/activity";
import { login } from "./commands/login";
import { preview } from "./commands/preview";
import { run } from "./commands/run";
import { runs } from "./commands/runs";
import { start } from "./commands/start";
import { tenants } from "./commands/tenants";
import { errorExitCode, exitCodes, UsageError } from "./exit-codes";

const commands: Record<string, Command> = { login, tenants, preview, start, runs, run, activity };

export const usage = `usage: npm run ops -- <command> [options]

  login    [--email e] [--password p] [--name token-name]   save an API token for your user
  tenants  [--json]                                          tenants you see, with readiness
  preview  <operation> --tenant <slug> [--target <id>] [--json]
  start    <operation> --tenant <slug> [--target <id>] [--confirm-tenant <slug>] [--json]
           (restore.execute writes to the tenant: --confirm-tenant must repeat its short name)
  start    <operation> --all | --tag <name> | --tenants <a,b,c> [--workspace <slug>] [--report-kind <k>]
           [--preview] [--wait] [--interval ms] [--key <idempotency key>] [--json]      one batch over many tenants
           (--failed: only tenants with a run failed in the last 24 hours; --secret-expiry expired|1d|7d|30d:
           only tenants whose client secret has expired or expires within that window — both narrow --all/--tag)
  runs     [--tenant <slug>] [--status <s>]… [--operation <id>] [--limit n] [--json]
  run      <id> [--watch] [--interval ms] [--json]
  activity --tenant <slug> [--blocked] [--limit n] [--json]   the audit trail, blocked starts included

  Every command takes --url (default: $TENANTPILOT_URL, the URL saved at login, http://localhost:3000).
  Exit status: 0 ok/accepted, 10 deduped, 11 scope busy, 12 blocked, 3 forbidden, 4 not found,
  2 bad usage, 1 other errors. A bulk start: 0 nothing blocked or failed, 11 a scope was busy,
  12 a tenant was blocked, 13 (with --wait) a run failed, partially succeeded or was cancelled.
`;

/** Runs one `ops` invocation and returns its exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? io.err : io.out)(usage);
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  const command = commands[name];
  if (!command) {
    io.err(`unknown command "${name}"\n\n${usage}`);
    return exitCodes.usage;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n\n${usage}`);
      return exitCodes.usage;
    }
    printApiError(error, io);
    return errorExitCode(error);
  }
}
