import type { PreviewOutcome, StartOutcome } from "@tenantpilot/dispatch-gate/contract";
import { apiErrorCode } from "../admin-client";

/** The `ops` command's exit statuses: scripts branch on them, so they are part of its interface. */
export const exitCodes = {
  ok: 0,
  error: 1,
  usage: 2,
  forbidden: 3,
  notFound: 4,
  deduped: 10,
  scopeBusy: 11,
  blocked: 12,
  /** A bulk start waited for its batch (--wait) and some run failed, partially succeeded or was cancelled. */
  runsFailed: 13,
} as const;

export const outcomeExitCodes = {
  accepted: exitCodes.ok,
  deduped: exitCodes.deduped,
  scope_busy: exitCodes.scopeBusy,
  blocked: exitCodes.blocked,
} as const satisfies Record<StartOutcome, number>;

export const previewExitCodes = { ...outcomeExitCodes, ready: exitCodes.ok } as const satisfies Record<PreviewOutcome, number>;

/** A failed API call's exit status: 403 → 3, 404 → 4, invalid input → 2, anything else → 1. */
export function errorExitCode(error: unknown): number {
  switch (apiErrorCode(error)) {
    case "FORBIDDEN":
      return exitCodes.forbidden;
    case "NOT_FOUND":
      return exitCodes.notFound;
    case "BAD_REQUEST":
      return exitCodes.usage;
    default:
      return exitCodes.error;
  }
}

/** Wrong flags or arguments: reported with usage text, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
