import type { ReasonCode } from "./contract";
import type { PreflightContext } from "./preflight-context";

export interface PreflightFailure {
  reason: ReasonCode;
  missingPermissions?: string[];
}

export interface PreflightRule {
  reason: ReasonCode;
  /** A failure when the rule does not hold; null when it passes. Pure: no I/O, no clock. */
  check(ctx: PreflightContext): PreflightFailure | null;
}

const fail = (reason: ReasonCode, extra: Omit<PreflightFailure, "reason"> = {}): PreflightFailure => ({ reason, ...extra });

/**
 * The preflight rules in their order. The FIRST failing rule is the one dominant reason the
 * operator sees, so the order goes from the broadest prerequisite to the most specific:
 *  1. tenant_not_operable          archived, or onboarding (unless the operation is allowed during onboarding)
 *  2. provider_connection_missing  no primary connection (connection.check: the target is looked up in 8)
 *  3. provider_connection_disabled
 *  4. provider_consent_missing     consent_state != granted (skipped by operations that verify consent)
 *  5. provider_credentials_missing no client secret stored
 *  6. provider_credentials_expired secret expiry <= now
 *  7. provider_permission_missing  granted permissions lack any the operation requires (all are named)
 *  8. target_not_found             backup set / report kind / connection not in this tenant
 *  9. target_not_ready             backup set not complete or partial
 * Connection rules look at the connection the run would bind to; for connection.check that is the
 * target connection, so when it does not exist rules 2–7 have nothing to judge and 8 answers.
 */
export const preflightRules: readonly PreflightRule[] = [
  {
    reason: "tenant_not_operable",
    check: ({ tenant, operation }) => {
      if (tenant.status === "active") return null;
      if (tenant.status === "onboarding" && operation.allowedDuringOnboarding) return null;
      return fail("tenant_not_operable");
    },
  },
  {
    reason: "provider_connection_missing",
    check: ({ operation, connection }) =>
      operation.needsConnection && operation.connectionBinding === "primary" && connection === null
        ? fail("provider_connection_missing")
        : null,
  },
  {
    reason: "provider_connection_disabled",
    check: ({ connection }) => (connection !== null && !connection.enabled ? fail("provider_connection_disabled") : null),
  },
  {
    reason: "provider_consent_missing",
    check: ({ operation, connection }) =>
      connection !== null && operation.requiresConsent && connection.consentState !== "granted"
        ? fail("provider_consent_missing")
        : null,
  },
  {
    reason: "provider_credentials_missing",
    check: ({ connection }) => (connection !== null && !connection.hasSecret ? fail("provider_credentials_missing") : null),
  },
  {
    reason: "provider_credentials_expired",
    check: ({ connection, now }) =>
      connection?.secretExpiresAt != null && connection.secretExpiresAt.getTime() <= now.getTime()
        ? fail("provider_credentials_expired")
        : null,
  },
  {
    reason: "provider_permission_missing",
    check: ({ operation, connection }) => {
      if (connection === null) return null;
      const missing = operation.requiredPermissions.filter((p) => !connection.grantedPermissions.includes(p));
      return missing.length > 0 ? fail("provider_permission_missing", { missingPermissions: missing }) : null;
    },
  },
  {
    reason: "target_not_found",
    check: ({ target }) => (target === undefined || !target.found ? fail("target_not_found") : null),
  },
  {
    reason: "target_not_ready",
    check: ({ target }) => (target !== undefined && !target.ready ? fail("target_not_ready") : null),
  },
];

/** The dominant reason a start cannot proceed, or null when every prerequisite holds. */
export function runPreflight(ctx: PreflightContext, rules: readonly PreflightRule[] = preflightRules): PreflightFailure | null {
  for (const rule of rules) {
    const failure = rule.check(ctx);
    if (failure) return failure;
  }
  return null;
}
