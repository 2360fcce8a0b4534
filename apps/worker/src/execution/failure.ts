import { SecretBoxError } from "@tenantpilot/auth";
import { isDatabaseUnavailable } from "@tenantpilot/db";
import { isConnectionReason, type ReasonCode, type RunDiagnosticsInput } from "@tenantpilot/dispatch-gate";
import { isProviderError } from "@tenantpilot/provider-graph";

export interface RunFailure {
  reason: ReasonCode;
  /** Operator-safe: the provider's own message (built from codes, never from a secret), or a fixed sentence. */
  message: string;
  transient: boolean;
  retryAfterSeconds?: number;
  missingPermissions?: string[];
  /** Secret-free record for the run's diagnostics. */
  diagnostics: RunDiagnosticsInput;
}

/** Reasons that concern the connection as a whole (the contract's list): no point trying the next item. */
export function isConnectionFailure(error: unknown): boolean {
  return isProviderError(error) && isConnectionReason(error.reason);
}

/**
 * A thrown error as a run failure. Provider errors keep the reason they carry (the same catalogue
 * the start surface uses); anything else is a bug, reported as internal_error with its class and
 * message (our own code's messages; provider-graph never puts a secret in one).
 */
export function runFailure(error: unknown): RunFailure {
  if (isProviderError(error)) {
    return {
      reason: error.reason,
      message: error.message,
      transient: error.transient,
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
      ...(error.missingPermissions === undefined ? {} : { missingPermissions: error.missingPermissions }),
      diagnostics: { error: error.toJSON() },
    };
  }
  if (error instanceof SecretBoxError) {
    return {
      reason: "internal_error",
      message: "The stored client secret could not be decrypted with this worker's encryption key.",
      transient: false,
      diagnostics: { error: { name: error.name, message: error.message } },
    };
  }
  if (isDatabaseUnavailable(error)) {
    // Not replayed: restore's writes to a customer's tenant must not run twice. The ending itself
    // waits for the database (operation-task.ts), so the run still ends once, with this reason.
    return {
      reason: "internal_error",
      message: "The database became unreachable during the run; what was written before that stays.",
      transient: false,
      diagnostics: { error: { name: "DatabaseUnavailable" } },
    };
  }
  const coerced = error instanceof Error ? error : new Error(String(error));
  return {
    reason: "internal_error",
    message: "An unexpected error stopped the run.",
    transient: false,
    diagnostics: { error: { name: coerced.name, message: coerced.message.slice(0, 500) } },
  };
}
