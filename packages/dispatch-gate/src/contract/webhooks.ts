// The workspace's outbound webhook (ADR 026): which URLs an owner may configure, the headers every
// delivery carries and what its body holds. Browser-safe: the admin pages validate with the same rule.

/** Longest URL accepted (the database refuses more). */
export const MAX_WEBHOOK_URL_LENGTH = 2_000;

/**
 * Why a URL cannot be a webhook, or null when it can: http(s) only, a host, no user name or
 * password in it (credentials belong in the signature, not in a URL that logs and proxies keep),
 * no fragment. Where it may point on the network is checked again at each delivery (the worker's
 * address policy), because what a host name resolves to can change after it was configured.
 */
export function webhookUrlProblem(value: string): string | null {
  if (value.length > MAX_WEBHOOK_URL_LENGTH) return `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not an absolute URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must start with https:// (or http://)";
  if (url.username !== "" || url.password !== "") return "must not carry a user name or password";
  if (url.hostname === "") return "needs a host";
  if (url.hash !== "") return "must not have a #fragment";
  return null;
}

/** The URL as stored and called (WHATWG-normalised: lower-case host, a path). */
export function normalizeWebhookUrl(value: string): string {
  return new URL(value).toString();
}

/**
 * The headers of every delivery, as the Standard Webhooks specification names them
 * (https://www.standardwebhooks.com): the delivery id (the same on every retry, so a receiver can
 * drop duplicates), the Unix time of this attempt, and `v1,<base64 HMAC-SHA256>` of
 * `${id}.${timestamp}.${body}` keyed with the secret's bytes (the part after `whsec_`, base64).
 */
export const webhookHeaders = {
  id: "webhook-id",
  timestamp: "webhook-timestamp",
  signature: "webhook-signature",
} as const;

/** The event type every delivery carries: one of the viewer's notifications was written. */
export const webhookEventType = "notification.created";

/** Where a delivery stands (webhook_deliveries.status). */
export const webhookDeliveryStatuses = ["pending", "delivered", "failed", "cancelled"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];
