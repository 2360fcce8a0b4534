// Where a round trip outside the app (Microsoft Entra's admin consent) may bring the operator
// back. The target travels through another site (in `state`), so it is never trusted: only a path
// of this app (no scheme, no host, so never another origin) to one of the pages listed here, with
// nothing else in it, is accepted — checked when the link is made and again when it is followed.

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** The pages a consent round trip may return to: an onboarding draft and a provider connection. */
const returnTargets: readonly RegExp[] = [new RegExp(`^/admin/onboarding/${UUID}$`), new RegExp(`^/admin/provider-connections/${UUID}$`)];

/** The path when it is one of the allowed return targets (exactly), otherwise null. */
export function safeReturnTarget(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 200) return null;
  return returnTargets.some((pattern) => pattern.test(value)) ? value : null;
}
