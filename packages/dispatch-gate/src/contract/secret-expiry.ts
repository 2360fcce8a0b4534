// Client secret expiry: the warning thresholds and how far away an expiry is. Browser-safe; the
// worker's scan, the connections list and the home page's count use the same thresholds.

/** Days before a client secret expires at which its warning is raised, largest first. */
export const secretExpiryThresholds = [30, 7, 1] as const;
export type SecretExpiryThreshold = (typeof secretExpiryThresholds)[number];

const DAY_MS = 86_400_000;

export interface SecretExpiryState {
  /** none: no secret or no expiry date recorded. */
  state: "none" | "ok" | "expiring" | "expired";
  expiresAt: Date | null;
  /** Whole days left, rounded up (0 once expired); null without a date. */
  daysLeft: number | null;
  /** The smallest threshold the expiry is within (expiring only). */
  threshold: SecretExpiryThreshold | null;
}

export function secretExpiryOf(expiresAt: Date | null, now: Date): SecretExpiryState {
  if (expiresAt === null) return { state: "none", expiresAt: null, daysLeft: null, threshold: null };
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return { state: "expired", expiresAt, daysLeft: 0, threshold: null };
  const threshold = [...secretExpiryThresholds].reverse().find((days) => left <= days * DAY_MS) ?? null;
  return { state: threshold === null ? "ok" : "expiring", expiresAt, daysLeft: Math.ceil(left / DAY_MS), threshold };
}

/** The notification a threshold raises (to the workspace's owners and managers who see the tenant). */
export function secretExpiryNotice(facts: { tenantName: string; connectionName: string; expiresAt: Date; thresholdDays: SecretExpiryThreshold }): {
  title: string;
  body: string;
} {
  const within = facts.thresholdDays === 1 ? "within a day" : `within ${facts.thresholdDays} days`;
  return {
    title: `Client secret expires ${within}`,
    body: `${facts.tenantName}: the client secret of “${facts.connectionName}” expires on ${facts.expiresAt.toISOString().slice(0, 10)}. Rotate it before then, or every start on this tenant will be Blocked.`,
  };
}
