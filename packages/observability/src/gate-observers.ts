import type { GateObserver } from "@tenantpilot/dispatch-gate";
import type { Logger } from "./logger";
import type { Metrics } from "./metrics";

/** Gate answers and run endings as counters. */
export function gateMetrics(metrics: Metrics): GateObserver {
  return (event) => {
    if (event.kind === "start_answered") {
      const { result } = event;
      metrics.gateOutcomes.inc({ operation: event.operation, outcome: result.outcome, reason: result.outcome === "blocked" ? result.reason : "" });
      return;
    }
    if (event.kind === "batch_answered") {
      // The batch's tenants count like single starts: by outcome, blocked ones by reason.
      const { byOutcome, blockedByReason } = event.rollup;
      for (const outcome of ["accepted", "deduped", "scope_busy"] as const) {
        if (byOutcome[outcome] > 0) metrics.gateOutcomes.inc({ operation: event.operation, outcome, reason: "" }, byOutcome[outcome]);
      }
      for (const [reason, count] of Object.entries(blockedByReason)) {
        if (count) metrics.gateOutcomes.inc({ operation: event.operation, outcome: "blocked", reason }, count);
      }
      return;
    }
    if (event.to === "succeeded" || event.to === "partially_succeeded" || event.to === "failed" || event.to === "cancelled") {
      metrics.runsEnded.inc({ operation: event.operation, status: event.to, reason: event.reason ?? "" });
      if (event.reason === "worker_lost") metrics.runsLost.inc({ operation: event.operation });
    }
  };
}

/**
 * One structured line per run transition (run id, tenant id, operation, attempt, outcome/reason),
 * per start answer and per batch (its counts by outcome). Only ids and catalogue words: nothing here can carry a secret.
 */
export function gateLog(logger: Logger): GateObserver {
  return (event) => {
    if (event.kind === "start_answered") {
      const { result } = event;
      const runId = result.outcome === "accepted" || result.outcome === "deduped" ? result.run.id : result.outcome === "scope_busy" ? result.blockingRun.id : null;
      logger.info(
        {
          event: "start",
          tenantId: event.tenantId,
          operation: event.operation,
          initiator: event.initiator,
          outcome: result.outcome,
          ...(result.outcome === "blocked" ? { reason: result.reason } : {}),
          ...(runId === null ? {} : { runId }),
        },
        `start answered: ${result.outcome}`,
      );
      return;
    }
    if (event.kind === "batch_answered") {
      const { byOutcome } = event.rollup;
      logger.info(
        { event: "batch", batchId: event.batchId, workspaceId: event.workspaceId, operation: event.operation, initiator: event.initiator, ...byOutcome },
        `batch answered: ${event.rollup.total} tenants`,
      );
      return;
    }
    logger.info(
      {
        event: "run",
        runId: event.runId,
        tenantId: event.tenantId,
        operation: event.operation,
        attempt: event.attempt,
        outcome: event.to,
        reason: event.reason,
      },
      `run transition: ${event.operation} ${event.to}${event.reason ? ` (${event.reason})` : ""}`,
    );
  };
}
