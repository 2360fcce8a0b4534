import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Signing of outbound webhook deliveries, as the Standard Webhooks specification describes it
// (https://www.standardwebhooks.com): receivers can verify with any of its libraries, or with
// verifyWebhook below (docs/webhooks.md shows it).

const PREFIX = "whsec_";

/** A new signing secret, `whsec_` + 32 random bytes in base64: shown to the owner once, then stored sealed. */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64")}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

/** `v1,<base64 HMAC-SHA256(key, "${id}.${timestamp}.${body}")>`: the webhook-signature header. */
export function signWebhook(input: { secret: string; id: string; timestamp: number; body: string }): string {
  const mac = createHmac("sha256", keyOf(input.secret)).update(`${input.id}.${input.timestamp}.${input.body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}

/**
 * What a receiver does: true when one of the signatures in the header (space-separated, as the
 * specification allows during a secret rotation) matches, compared in constant time, and the
 * timestamp is within `toleranceSeconds` of now (a replayed old delivery is refused).
 */
export function verifyWebhook(input: {
  secret: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  now?: Date;
  toleranceSeconds?: number;
}): boolean {
  const timestamp = Number(input.timestamp);
  if (!Number.isInteger(timestamp)) return false;
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook({ secret: input.secret, id: input.id, timestamp, body: input.body }));
  return input.signature.split(" ").some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
