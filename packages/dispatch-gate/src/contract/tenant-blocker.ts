import type { ReasonCode } from "./reasons";
import type { PreviewResult } from "./start-result";

/**
 * Reasons that block a tenant as a whole rather than one operation: no connection, a disabled one,
 * no consent, missing or expired credentials, an archived or unfinished tenant. A missing
 * permission or an unready target concerns one operation and stays on its card.
 */
export const tenantWideReasons = [
  "provider_connection_missing",
  "provider_connection_disabled",
  "provider_consent_missing",
  "provider_credentials_missing",
  "provider_credentials_expired",
  "tenant_not_operable",
] as const satisfies readonly ReasonCode[];

export type TenantBlocker = Extract<PreviewResult, { outcome: "blocked" }>;

export function isTenantWideReason(reason: ReasonCode): boolean {
  return (tenantWideReasons as readonly ReasonCode[]).includes(reason);
}

/**
 * The one tenant-wide blocker of a tenant page, from the previews its cards show (the gate's own
 * answers, in catalogue order): the first blocked preview whose reason is tenant-wide, else null.
 * The page shows it once as a banner; cards blocked by the same reason do not repeat it.
 */
export function tenantBlocker(previews: readonly (PreviewResult | null | undefined)[]): TenantBlocker | null {
  for (const preview of previews) {
    if (preview?.outcome === "blocked" && isTenantWideReason(preview.reason)) return preview;
  }
  return null;
}

/** A card's preview is the banner's blocker (same reason): the card says so instead of repeating it. */
export function coveredByBlocker(preview: PreviewResult | null | undefined, blocker: TenantBlocker | null): boolean {
  return blocker !== null && preview?.outcome === "blocked" && preview.reason === blocker.reason;
}
