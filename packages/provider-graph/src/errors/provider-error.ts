import type { ReasonCode } from "@tenantpilot/dispatch-gate/contract";

/** The reasons this package produces: the provider family of the gate's reason catalogue. */
export type ProviderReason = Extract<
  ReasonCode,
  | "provider_consent_missing"
  | "provider_credentials_missing"
  | "provider_credentials_expired"
  | "provider_permission_missing"
  | "provider_throttled"
  | "provider_unavailable"
  | "target_not_found"
  | "internal_error"
>;

export interface ProviderErrorDetails {
  reason: ProviderReason;
  /** Operator-safe: built by this package from codes, never copied from a secret-bearing source. */
  message: string;
  status?: number;
  /** Graph `request-id` or Entra `x-ms-request-id` of the failing response. */
  requestId?: string;
  clientRequestId?: string;
  /** e.g. "AADSTS7000222" for token endpoint failures. */
  aadsts?: string;
  /** Graph's `error.code`, e.g. "Authorization_RequestDenied". */
  graphCode?: string;
  missingPermissions?: string[];
  /** True when the same request may succeed later without anyone changing anything. */
  transient: boolean;
  /** Set when the service asked for a longer pause than the client was allowed to wait. */
  retryAfterSeconds?: number;
}

/**
 * A provider failure mapped onto the gate's reason catalogue. Thrown by the Graph client so
 * that a task can end its run with the same reason a preflight would have shown.
 */
export class ProviderError extends Error implements ProviderErrorDetails {
  override readonly name = "ProviderError";
  readonly reason: ProviderReason;
  readonly status?: number;
  readonly requestId?: string;
  readonly clientRequestId?: string;
  readonly aadsts?: string;
  readonly graphCode?: string;
  readonly missingPermissions?: string[];
  readonly transient: boolean;
  readonly retryAfterSeconds?: number;

  constructor(details: ProviderErrorDetails, options?: { cause?: unknown }) {
    super(details.message, options);
    this.reason = details.reason;
    this.transient = details.transient;
    // Only defined fields are assigned so that toJSON() and equality checks stay tidy.
    if (details.status !== undefined) this.status = details.status;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.clientRequestId !== undefined) this.clientRequestId = details.clientRequestId;
    if (details.aadsts !== undefined) this.aadsts = details.aadsts;
    if (details.graphCode !== undefined) this.graphCode = details.graphCode;
    if (details.missingPermissions !== undefined) this.missingPermissions = details.missingPermissions;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** A plain, secret-free record for run diagnostics. The cause is deliberately left out. */
  toJSON(): ProviderErrorDetails {
    const { reason, message, status, requestId, clientRequestId, aadsts, graphCode, missingPermissions, transient, retryAfterSeconds } =
      this;
    return Object.fromEntries(
      Object.entries({
        reason,
        message,
        status,
        requestId,
        clientRequestId,
        aadsts,
        graphCode,
        missingPermissions,
        transient,
        retryAfterSeconds,
      }).filter(([, value]) => value !== undefined),
    ) as unknown as ProviderErrorDetails;
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}
