import { operationCatalog, type OperationId } from "./operations";
import type { ReasonCode } from "./reasons";
import type { RunStatus } from "./runs";

// Where a run stands with its attempts, in plain words: waiting, in progress, pausing before the
// next attempt ("will retry at …"), or final ("no more attempts"). Decided from the run's own
// state (status, attempt, the retry records the worker appends) and the catalogue's retry policy —
// a failed run is final because the worker retries inside a run and never restarts a finished one.

/** What the worker appends to diagnostics.retries when it pauses before another attempt (beginRetry). */
export interface RetryRecordFacts {
  /** The attempt that failed. */
  attempt: number;
  reason: string;
  /** When it failed (database clock). */
  at: Date;
  /** How long the worker waits before the next attempt. */
  retryInMs: number;
}

export type AttemptState =
  | { state: "waiting" }
  | { state: "in_progress"; attempt: number; maxAttempts: number }
  | { state: "will_retry"; at: Date; failedAttempt: number; nextAttempt: number; maxAttempts: number; reason: string }
  /** succeeded, or not retried: the catalogue allows one attempt, attempts used, or a failure retrying cannot fix. */
  | { state: "final"; because: "succeeded" | "cancelled" | "single_attempt" | "attempts_used" | "not_retried"; attempt: number; maxAttempts: number };

/** The failures the worker retries inside a run (transient provider answers). */
const retriedReasons: readonly string[] = ["provider_throttled", "provider_unavailable"] satisfies readonly ReasonCode[];

export interface AttemptFacts {
  operation: OperationId;
  status: RunStatus;
  attempt: number;
  maxAttempts: number;
  reasonCode: string | null;
  retries: readonly RetryRecordFacts[];
}

export function attemptStateOf(run: AttemptFacts, now: Date): AttemptState {
  const counts = { attempt: run.attempt, maxAttempts: run.maxAttempts };
  switch (run.status) {
    case "queued":
      return { state: "waiting" };
    case "running": {
      // beginRetry moved `attempt` on when it recorded the pause; until the pause ends, the next attempt has not begun.
      const last = run.retries.at(-1);
      const resumesAt = last === undefined ? null : new Date(last.at.getTime() + last.retryInMs);
      if (last !== undefined && resumesAt !== null && resumesAt > now && last.attempt === run.attempt - 1) {
        return { state: "will_retry", at: resumesAt, failedAttempt: last.attempt, nextAttempt: run.attempt, maxAttempts: run.maxAttempts, reason: last.reason };
      }
      return { state: "in_progress", ...counts };
    }
    case "succeeded":
      return { state: "final", because: "succeeded", ...counts };
    case "cancelled":
      return { state: "final", because: "cancelled", ...counts };
    case "partially_succeeded":
    case "failed": {
      if (operationCatalog[run.operation].maxAttempts === 1 || run.maxAttempts === 1) return { state: "final", because: "single_attempt", ...counts };
      if (run.reasonCode !== null && retriedReasons.includes(run.reasonCode) && run.attempt >= run.maxAttempts) {
        return { state: "final", because: "attempts_used", ...counts };
      }
      return { state: "final", because: "not_retried", ...counts };
    }
  }
}
