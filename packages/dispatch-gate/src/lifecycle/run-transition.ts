import type { OperationId, ReasonCode, RunStatus } from "../contract";

/** Absolute summary counts of a run (not deltas); an omitted count keeps its stored value. */
export interface RunCounts {
  seen?: number;
  changed?: number;
  failed?: number;
}

/**
 * A transition that did not happen because the run was not in a state it may leave from: another
 * writer (a concurrent finish, the reaper, a cancel) got there first. `current` is what the run is
 * now; null when no such run exists.
 */
export interface TransitionRefused {
  ok: false;
  current: RunStatus | null;
}

/** What the worker needs of a run it has just claimed. */
export interface ClaimedRun {
  id: string;
  tenantId: string;
  operation: OperationId;
  targetKind: string;
  targetId: string;
  scopeKey: string;
  initiatorKind: "user" | "system";
  initiatorUserId: string | null;
  providerConnectionId: string | null;
  /** The identity of the connection the gate bound the run to (ConnectionRef as JSON). */
  connectionSnapshot: unknown;
  /** 1 on the first claim; in-run retries count on from here. */
  attempt: number;
  maxAttempts: number;
}

export interface TerminalRun {
  id: string;
  operation: OperationId;
  status: Extract<RunStatus, "succeeded" | "partially_succeeded" | "failed" | "cancelled">;
  reasonCode: ReasonCode | null;
  /** Whether a terminal notification was written (user-initiated runs only). */
  notified: boolean;
}
