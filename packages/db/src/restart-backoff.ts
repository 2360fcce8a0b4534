/**
 * When a process the product keeps running (npm start's admin and worker, its embedded database)
 * is started again after it exited on its own: 1 s, doubling to 30 s, and back to 1 s once it had
 * run for a minute — quick after a one-off crash, without a busy loop when it cannot start at all.
 */
export interface RestartBackoff {
  /** The delay before the next start, given how long the process ran before it exited. */
  after(ranForMs: number): number;
}

const MIN_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

export function restartBackoff(): RestartBackoff {
  let next = MIN_BACKOFF_MS;
  return {
    after(ranForMs) {
      if (ranForMs > STABLE_AFTER_MS) next = MIN_BACKOFF_MS;
      const delay = next;
      next = Math.min(next * 2, MAX_BACKOFF_MS);
      return delay;
    },
  };
}
