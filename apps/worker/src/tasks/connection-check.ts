import { permissionsByNeed } from "@tenantpilot/dispatch-gate";
import { checkConnection, ProviderError } from "@tenantpilot/provider-graph";
import type { RunContext, WorkOutcome } from "../execution/run-context";

/**
 * Check connection: a fresh token, its granted application permissions compared with what every
 * operation needs (per report kind where the kind decides; broader grants count as Graph counts
 * them), and the result stored on the connection (last check, consent state, granted
 * permissions) — only for the identity the run was bound to, so a check queued before a secret
 * rotation never overwrites what is known about the new secret. The run fails with the check's
 * reason when the connection is not usable, so the operator sees the same sentence and next step
 * as on a blocked start; a transient token failure is retried like any provider call.
 */
export async function checkProviderConnection(ctx: RunContext): Promise<WorkOutcome> {
  const result = await checkConnection(ctx.graph, permissionsByNeed);
  if (!result.ok && result.error?.transient) throw new ProviderError(result.error);

  // Consent: a token with roles proves it; a consent failure turns a granted connection into
  // revoked (a pending one stays pending); anything else says nothing about consent.
  const consent = result.ok || result.grantedPermissions.length > 0 ? "granted" : result.reason === "provider_consent_missing" ? "lost" : "unknown";
  // Only an issued token tells what was granted; a failed token request tells nothing about it.
  const granted = result.error === undefined ? result.grantedPermissions : null;
  const stored = await ctx.prisma.$executeRaw`
    UPDATE provider_connections
       SET last_check_at = ${result.checkedAt},
           last_check_status = ${result.ok ? "ok" : "failed"},
           last_check_reason = ${result.reason ?? null},
           consent_state = CASE ${consent}
                             WHEN 'granted' THEN 'granted'
                             WHEN 'lost' THEN CASE WHEN consent_state = 'granted' THEN 'revoked' ELSE consent_state END
                             ELSE consent_state
                           END,
           granted_permissions = COALESCE(${granted}::text[], granted_permissions),
           updated_at = now()
     WHERE id = ${ctx.connection.id}::uuid AND identity_version = ${ctx.connection.identityVersion}`;
  const diagnostics = {
    check: {
      ok: result.ok,
      checkedAt: result.checkedAt.toISOString(),
      grantedPermissions: result.grantedPermissions,
      missingByOperation: result.missingByOperation,
      stored: stored === 1,
      ...(result.error === undefined ? {} : { error: result.error }),
    },
  };
  const counts = { seen: 0, changed: 0, failed: 0 };
  if (result.ok) return { status: "succeeded", counts, diagnostics };
  return {
    status: "failed",
    counts,
    reason: result.reason ?? "internal_error",
    detail: result.message,
    ...(result.missingPermissions.length > 0 && result.reason === "provider_permission_missing" ? { missingPermissions: result.missingPermissions } : {}),
    diagnostics,
  };
}
