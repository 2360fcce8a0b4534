import { decodeJwtClaims, rolesOf } from "./auth/jwt-claims";
import type { GraphClient } from "./client/graph-client";
import { isProviderError, type ProviderErrorDetails, type ProviderReason } from "./errors/provider-error";
import { missingPermissions } from "./permissions";

/**
 * Need key → the Graph application permissions it needs: the gate catalogue's `permissionNeeds`
 * (one entry per operation, per report kind where the kind decides).
 */
export type RequiredPermissionsByOperation = Readonly<Record<string, readonly string[]>>;

export interface ConnectionCheckResult {
  ok: boolean;
  checkedAt: Date;
  /** The token's `roles` claim, sorted: what an administrator consented to. */
  grantedPermissions: string[];
  /** Every operation given, with the permissions it lacks (empty when it has them all). */
  missingByOperation: Record<string, string[]>;
  /** The union of the above, in first-seen order. */
  missingPermissions: string[];
  reason?: ProviderReason;
  message: string;
  /** The token failure, when there was one (request id and AADSTS code for support). */
  error?: ProviderErrorDetails;
}

/**
 * Verifies a connection the way the worker's `connection.check` task needs it: acquire a fresh
 * token (not a cached one, whose roles could predate a consent change) and compare the granted
 * application permissions with what each operation needs. Storing the result is the caller's
 * job; expected failures come back as values, only bugs throw.
 */
export async function checkConnection(
  client: Pick<GraphClient, "accessToken">,
  requiredPermissionsByOperation: RequiredPermissionsByOperation,
): Promise<ConnectionCheckResult> {
  const checkedAt = new Date();
  const operations = Object.keys(requiredPermissionsByOperation);
  let token: string;
  try {
    token = (await client.accessToken({ forceRefresh: true })).token;
  } catch (error) {
    if (!isProviderError(error)) throw error;
    return {
      ok: false,
      checkedAt,
      grantedPermissions: [],
      missingByOperation: Object.fromEntries(operations.map((operation) => [operation, [...(requiredPermissionsByOperation[operation] ?? [])]])),
      missingPermissions: unique(operations.flatMap((operation) => requiredPermissionsByOperation[operation] ?? [])),
      reason: error.reason,
      message: error.message,
      error: error.toJSON(),
    };
  }

  // Decoding without verifying the signature is fine: see decodeJwtClaims.
  const grantedPermissions = [...new Set(rolesOf(decodeJwtClaims(token)))].sort();
  const missingByOperation = Object.fromEntries(
    operations.map((operation) => [operation, missingPermissions(grantedPermissions, requiredPermissionsByOperation[operation] ?? [])]),
  );
  const missing = unique(Object.values(missingByOperation).flat());

  if (missing.length === 0) {
    return {
      ok: true,
      checkedAt,
      grantedPermissions,
      missingByOperation,
      missingPermissions: [],
      message: `Token acquired; the application has every permission the ${operations.length} checked operations need.`,
    };
  }
  // An app-only token without any roles means no application permission was ever consented.
  if (grantedPermissions.length === 0) {
    return {
      ok: false,
      checkedAt,
      grantedPermissions,
      missingByOperation,
      missingPermissions: missing,
      reason: "provider_consent_missing",
      message: "A token was issued but carries no application permissions: admin consent has not been granted.",
    };
  }
  const affected = operations.filter((operation) => (missingByOperation[operation] ?? []).length > 0);
  return {
    ok: false,
    checkedAt,
    grantedPermissions,
    missingByOperation,
    missingPermissions: missing,
    reason: "provider_permission_missing",
    message: `The application lacks ${missing.join(", ")} (needed by ${affected.join(", ")}).`,
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
