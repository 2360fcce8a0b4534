import type { AddressPolicy } from "./address-policy";

/** How the worker delivers webhooks (WEBHOOK_* variables; ADR 026). */
export interface WebhookOptions extends AddressPolicy {
  /** The pause before the second attempt; each later one doubles it, up to `retryMaxDelayMs`. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** How long one attempt may take. */
  timeoutMs: number;
  /** The admin app's public address (TENANTPILOT_PUBLIC_URL): links in payloads become absolute. */
  publicUrl: string | null;
}

export const defaultWebhookOptions: WebhookOptions = {
  allowPrivateNetworks: false,
  retryBaseDelayMs: 30_000,
  retryMaxDelayMs: 3_600_000,
  timeoutMs: 10_000,
  publicUrl: null,
};

/** The pause after attempt `attempt` failed: 30 s, 1 min, 2 min, … (doubling), at most the cap. */
export function webhookRetryDelayMs(attempt: number, options: Pick<WebhookOptions, "retryBaseDelayMs" | "retryMaxDelayMs">): number {
  return Math.min(options.retryBaseDelayMs * 2 ** Math.max(0, attempt - 1), options.retryMaxDelayMs);
}
