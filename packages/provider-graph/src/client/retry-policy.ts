export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The longest single pause; a Retry-After beyond it ends the retries instead of being shortened. */
  maxDelayMs: number;
  /** First backoff step when the service gives no Retry-After. */
  baseDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = { maxRetries: 4, maxDelayMs: 30_000, baseDelayMs: 500 };

/** Retry-After in seconds (delta-seconds or an HTTP date), or undefined when absent/invalid. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; retryAfterSeconds?: number };

/**
 * How long to wait before retry number `retry` (1-based). A Retry-After is honoured as a
 * minimum, plus a little jitter so that many clients told the same value do not return in
 * lockstep; without one, exponential backoff with equal jitter.
 */
export function retryDelay(
  retry: number,
  retryAfterSeconds: number | undefined,
  options: RetryOptions,
  random: () => number = Math.random,
): RetryDecision {
  if (retry > options.maxRetries) {
    return retryAfterSeconds === undefined ? { retry: false } : { retry: false, retryAfterSeconds };
  }
  if (retryAfterSeconds !== undefined) {
    const minimum = retryAfterSeconds * 1000;
    if (minimum > options.maxDelayMs) return { retry: false, retryAfterSeconds };
    const jitter = Math.min(250, options.maxDelayMs - minimum) * random();
    return { retry: true, delayMs: Math.round(minimum + jitter) };
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return { retry: true, delayMs: Math.round(ceiling / 2 + (ceiling / 2) * random()) };
}
