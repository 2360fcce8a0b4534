import type { RunTiming } from "../run-timing";

/**
 * Pause before attempt `attempt + 1` of a run: exponential from the base, but never shorter
 * than a Retry-After the provider asked for. Undefined when the pause would exceed the cap —
 * then the run fails with the reason rather than sleeping for minutes.
 */
export function retryDelayMs(attempt: number, retryAfterSeconds: number | undefined, timing: RunTiming): number | undefined {
  const backoff = timing.retryBaseDelayMs * 2 ** (attempt - 1);
  const delay = Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
  return delay > timing.retryMaxDelayMs ? undefined : delay;
}
