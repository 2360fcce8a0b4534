import { createHmac, randomBytes } from "node:crypto";
import { ConnectionTokenSource, type ConnectionIdentity } from "./connection-token-source";
import type { FetchLike } from "./fetch-network-module";

// Keyed HMAC so that a cache key never reveals the secret, not even to an offline guess.
const fingerprintKey = randomBytes(32);

function secretFingerprint(secret: string): string {
  return createHmac("sha256", fingerprintKey).update(secret).digest("hex").slice(0, 24);
}

/**
 * One token source (MSAL app + token cache) per connection identity: tenant, client id and a
 * fingerprint of the secret, so a rotated secret gets a fresh app and cache. Bounded: the
 * least recently used entry goes when the cache is full.
 */
export class ConfidentialAppCache {
  private readonly byFetch = new WeakMap<FetchLike, Map<string, ConnectionTokenSource>>();

  constructor(private readonly capacity = 500) {}

  sourceFor(identity: ConnectionIdentity, fetchImpl: FetchLike, timeoutMs: number): ConnectionTokenSource {
    let entries = this.byFetch.get(fetchImpl);
    if (!entries) {
      entries = new Map();
      this.byFetch.set(fetchImpl, entries);
    }
    const key = [
      new URL(identity.authorityHost).origin,
      new URL(identity.resource).origin,
      identity.tenantId.toLowerCase(),
      identity.clientId.toLowerCase(),
      secretFingerprint(identity.clientSecret),
    ].join("|");
    const existing = entries.get(key);
    if (existing) {
      // Re-insert to mark it most recently used.
      entries.delete(key);
      entries.set(key, existing);
      return existing;
    }
    const source = new ConnectionTokenSource(identity, fetchImpl, timeoutMs);
    entries.set(key, source);
    while (entries.size > this.capacity) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    return source;
  }
}

/** The process-wide cache used when a client is created without one. */
export const defaultAppCache = new ConfidentialAppCache();
