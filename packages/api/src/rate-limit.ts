/**
 * Request limits per caller, counted in this process (fixed one-minute windows): mutations per user
 * (browser sessions and tokens alike) and every call of an API token. Several admin processes
 * each allow the limit; the limits are a brake on runaway scripts and stolen credentials, not
 * an exact quota, so they need no shared store (ADR 016). Login has its own database-backed
 * throttle (ADR 005).
 */
export interface RateLimitPolicy {
  /** Mutations one user may send per minute (RATE_LIMIT_MUTATIONS_PER_MINUTE). */
  mutationsPerMinute: number;
  /** Calls (queries and mutations) one API token may make per minute (RATE_LIMIT_TOKEN_CALLS_PER_MINUTE). */
  tokenCallsPerMinute: number;
}

export const defaultRateLimitPolicy: RateLimitPolicy = { mutationsPerMinute: 120, tokenCallsPerMinute: 600 };

const WINDOW_MS = 60_000;
/** Stale windows are swept once the table grows past this, so idle callers cost nothing. */
const SWEEP_AT = 10_000;

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    readonly policy: RateLimitPolicy = defaultRateLimitPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request against `key`; refused (nothing counted) once `limit` is reached in the window. */
  take(key: string, limit: number): RateDecision {
    const now = this.now();
    if (this.windows.size > SWEEP_AT) this.sweep(now);
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      this.windows.set(key, { startedAt: now, count: 1 });
      return { ok: true };
    }
    if (window.count >= limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000)) };
    window.count += 1;
    return { ok: true };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
  }
}
