import type { BulkRollup, OperationId, ReasonCode, RunStatus, StartResult } from "./contract";

/**
 * What the gate and the run-transition service tell whoever watches a process (its logger and
 * metrics, ADR 015). Facts only, never a secret: ids, operation, outcome, reason.
 */
export type GateEvent =
  | {
      kind: "start_answered";
      tenantId: string;
      operation: OperationId;
      initiator: "user" | "system";
      result: StartResult;
    }
  | {
      /** A bulk start: one event for the batch (its rollup), not one per tenant. */
      kind: "batch_answered";
      batchId: string;
      workspaceId: string;
      operation: OperationId;
      initiator: "user" | "system";
      rollup: BulkRollup;
    }
  | {
      kind: "run_transition";
      runId: string;
      tenantId: string;
      operation: OperationId;
      /** The attempt the run is on after the transition (when the writer knows it). */
      attempt: number | null;
      to: RunStatus | "retrying";
      reason: ReasonCode | null;
    };

export type GateObserver = (event: GateEvent) => void;

const observers = new Set<GateObserver>();

/**
 * Registers an observer for this process; returns its removal. Observers run synchronously after
 * the fact (a committed admission, a committed transition) and must not throw: a failing
 * observer is skipped, never allowed to turn a definite answer into an error.
 */
export function observeGate(observer: GateObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

export function announce(event: GateEvent): void {
  for (const observer of observers) {
    try {
      observer(event);
    } catch {
      // An observer's bug must not change what the gate answered.
    }
  }
}
