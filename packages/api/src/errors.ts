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

/** The login throttle refused an attempt; the formatter exposes when to try again. */
export class LoginThrottled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many login attempts. Try again in ${retryAfterSeconds} seconds.`);
    this.name = "LoginThrottled";
  }
}
