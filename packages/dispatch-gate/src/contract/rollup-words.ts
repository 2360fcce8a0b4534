import type { PreviewRollup } from "./batches";
import type { ReasonCode } from "./reasons";
import { outcomeWords } from "./words";

// Counted words: how a number of tenants blocked by one reason reads in a rollup and on the home
// page's chips ("5 need consent", "2 secrets expired"). One table for every surface that counts.

/** The phrase after a count of tenants blocked by a reason: singular and plural. */
export const reasonCountWords = {
  provider_connection_missing: ["has no connection", "have no connection"],
  provider_connection_disabled: ["connection disabled", "connections disabled"],
  provider_consent_missing: ["needs consent", "need consent"],
  provider_credentials_missing: ["needs credentials", "need credentials"],
  provider_credentials_expired: ["secret expired", "secrets expired"],
  provider_permission_missing: ["lacks permissions", "lack permissions"],
  tenant_not_operable: ["archived or onboarding", "archived or onboarding"],
  target_not_found: ["target not found", "targets not found"],
  target_not_ready: ["target not ready", "targets not ready"],
  provider_throttled: ["throttled", "throttled"],
  provider_unavailable: ["Graph unavailable", "Graph unavailable"],
  connection_changed: ["connection changed", "connections changed"],
  worker_lost: ["worker lost", "workers lost"],
  run_cancelled: ["cancelled", "cancelled"],
  internal_error: ["unexpected error", "unexpected errors"],
} as const satisfies Record<ReasonCode, readonly [string, string]>;

/** "5 need consent". */
export function countedReason(reason: ReasonCode, count: number): string {
  const [one, many] = reasonCountWords[reason];
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * What a bulk start would do, in one line: "412 will queue · 31 already running · 7 blocked: 5 need
 * consent, 2 secrets expired". Outcomes with no tenant are left out.
 */
export function describePreviewRollup(rollup: PreviewRollup): string {
  const parts: string[] = [];
  if (rollup.byOutcome.ready > 0) parts.push(`${rollup.byOutcome.ready} will queue`);
  if (rollup.byOutcome.deduped > 0) parts.push(`${rollup.byOutcome.deduped} ${outcomeWords.deduped.toLowerCase()}`);
  if (rollup.byOutcome.scope_busy > 0) parts.push(`${rollup.byOutcome.scope_busy} ${outcomeWords.scope_busy.toLowerCase()}`);
  if (rollup.byOutcome.blocked > 0) {
    const reasons = (Object.entries(rollup.blockedByReason) as [ReasonCode, number][])
      .filter(([, count]) => count > 0)
      .sort(([, a], [, b]) => b - a)
      .map(([reason, count]) => countedReason(reason, count));
    parts.push(`${rollup.byOutcome.blocked} ${outcomeWords.blocked.toLowerCase()}${reasons.length > 0 ? `: ${reasons.join(", ")}` : ""}`);
  }
  return parts.length === 0 ? "no tenants" : parts.join(" · ");
}
