import { TRPCError } from "@trpc/server";
import type { Capability } from "@tenantpilot/dispatch-gate/contract";

/**
 * What a caller may not see. One message per kind, used for "does not exist", "belongs to
 * another workspace" and "you are not entitled to it" alike, so answers never reveal existence.
 */
export const notFoundMessages = {
  tenant: "No such tenant.",
  workspace: "No such workspace.",
  connection: "No such provider connection.",
  run: "No such run.",
  backupSet: "No such backup set.",
  draft: "No such onboarding draft.",
  notification: "No such notification.",
  apiToken: "No such API token.",
  inventoryItem: "No such inventory item.",
  report: "No such report.",
  tag: "No such tag.",
  batch: "No such batch.",
  schedule: "No such schedule.",
} as const;
export type HiddenResource = keyof typeof notFoundMessages;

export function notFound(resource: HiddenResource): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: notFoundMessages[resource] });
}

export function forbidden(capability: Capability): TRPCError {
  return new TRPCError({ code: "FORBIDDEN", message: `Your role does not allow this (needs ${capability}).` });
}

/**
 * Input that passed the schema but that the data rejects (a slug already in use, …). Answered
 * like a schema failure: BAD_REQUEST with messages per field, keyed by dotted input path.
 */
export class InputRejection extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join(", ")}`).join("; "));
    this.name = "InputRejection";
  }
}

export function rejectInput(field: string, message: string): TRPCError {
  const cause = new InputRejection({ [field]: [message] });
  return new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
}

/**
 * A refusal that passes with time: the formatter exposes `retryAfterSeconds` and the HTTP layer
 * sends it as `Retry-After` (429 for throttling, 503 for an unavailable database).
 */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RetryLater";
  }
}

/** The login throttle refused an attempt. */
export class LoginThrottled extends RetryLater {
  constructor(retryAfterSeconds: number) {
    super(`Too many login attempts. Try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds);
    this.name = "LoginThrottled";
  }
}

/** The per-user / per-token request limit refused a call (rate-limit.ts). */
export function rateLimited(retryAfterSeconds: number): TRPCError {
  const cause = new RetryLater(`Too many requests. Try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds);
  return new TRPCError({ code: "TOO_MANY_REQUESTS", message: cause.message, cause });
}

/** How long a client is told to wait while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
export const databaseUnavailableMessage = "The database is unavailable; try again shortly.";

/** The database cannot be reached (stopped, restarting, out of connections): 503, try again. */
export function databaseUnavailable(cause?: unknown): TRPCError {
  const retry = new RetryLater(databaseUnavailableMessage, DATABASE_RETRY_AFTER_SECONDS, { cause });
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: databaseUnavailableMessage, cause: retry });
}
