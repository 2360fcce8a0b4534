import { parseArgs, type ParseArgsConfig } from "node:util";
import { readApiError } from "@tenantpilot/api/problem";
import { createAdminClient, type AdminClient } from "../admin-client";
import { apiAnswerFetch } from "./api-answer";
import { loadCredentials, resolveUrl } from "./credentials";
import { exitCodes, UsageError } from "./exit-codes";

/** Where a command writes and what it reads from the environment (tests pass their own). */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Flags every command understands. */
export const commonOptions = {
  url: { type: "string" },
  json: { type: "boolean", default: false },
} as const satisfies ParseArgsConfig["options"];

/** node:util parseArgs, with its errors turned into usage errors (exit 2). */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A client authenticated with the saved (or TENANTPILOT_TOKEN) API token. */
export function authenticatedClient(urlFlag: string | undefined, io: CliIo): { client: AdminClient; url: string } | null {
  const url = resolveUrl(urlFlag, io.env);
  // An empty TENANTPILOT_TOKEN counts as unset.
  const token = io.env.TENANTPILOT_TOKEN || loadCredentials(io.env)?.token;
  if (!token) {
    io.err("Not logged in: run `npm run ops -- login` first (or set TENANTPILOT_TOKEN).\n");
    return null;
  }
  return { client: createAdminClient({ url, token, fetch: apiAnswerFetch(url) }), url };
}

/** Prints a failed API call the way an operator can act on it. */
export function printApiError(error: unknown, io: CliIo): void {
  const problem = readApiError(error);
  if (problem === null) {
    io.err(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return;
  }
  io.err(`error: ${problem.message} (${problem.code})\n`);
  for (const [field, messages] of Object.entries(problem.fieldErrors)) io.err(`  ${field}: ${messages.join(", ")}\n`);
  if (problem.code === "UNAUTHORIZED") io.err("Log in again with `npm run ops -- login`.\n");
}

export const notLoggedIn = exitCodes.error;
