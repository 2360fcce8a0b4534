import { setTimeout as sleep } from "node:timers/promises";
import type { Task } from "graphile-worker";
import {
  beginRetry,
  confirmCancellation,
  finishRun,
  recordProgress,
  RunJobPayload,
  startRun,
  type ClaimedRun,
  type OperationId,
  type RunCounts,
  type TaskIdentifier,
} from "@tenantpilot/dispatch-gate";
import { isProviderError, type RequestDiagnostic } from "@tenantpilot/provider-graph";
import { untilDatabaseAnswers } from "../database-retry";
import { loadBoundConnection } from "./bound-connection";
import { runFailure, type RunFailure } from "./failure";
import { startHeartbeatLoop, type HeartbeatLoop } from "./heartbeat-loop";
import { retryDelayMs } from "./retry-delay";
import { RunStopped, type RunContext, type RunWork, type WorkOutcome } from "./run-context";
import { stoppableGraph } from "./stoppable-graph";
import type { WorkerDeps } from "./worker-deps";

/**
 * The graphile-worker task for one operation. Its job: parse the payload, claim the run, keep it
 * beating, bind it to its connection, do the work with in-run retries for transient provider
 * failures, and end it through the run-transition service — always with a definite status.
 * Expected endings never throw (graphile-worker must not replay a run by itself); only a failure
 * to reach the database escapes, and then the reaper ends the run as worker_lost.
 */
export function operationTask(deps: WorkerDeps, operation: OperationId, work: RunWork): Task<TaskIdentifier> {
  return async (payload, helpers) => {
    const { runId } = RunJobPayload.parse(payload);
    const claimed = await startRun(deps.prisma, runId, { workerId: `${deps.processId}:${helpers.job.locked_by ?? "?"}` });
    if (!claimed.ok) {
      deps.log.info(`run ${runId} ${operation}: not queued (${claimed.current ?? "missing"}), nothing to do`);
      return;
    }
    const run = claimed.run;
    deps.log.info(`run ${runId} ${operation}: started (attempt ${run.attempt}/${run.maxAttempts})`);
    if (run.operation !== operation) {
      // A job whose task does not match its run is a bug in whoever queued it; end the run, do nothing.
      const ending = await finish(deps, runId, {
        status: "failed",
        counts: { seen: 0, changed: 0, failed: 0 },
        reason: "internal_error",
        detail: `The run (${run.operation}) was queued for the ${operation} task.`,
      });
      deps.log.error(`run ${runId} ${operation}: ${ending}; it is a ${run.operation} run`);
      return;
    }

    const beat = startHeartbeatLoop(deps, runId, helpers.abortSignal);
    try {
      const ending = await execute(deps, run, beat, work);
      deps.log.info(`run ${runId} ${operation}: ${ending}`);
    } finally {
      beat.stop();
    }
  };
}

async function execute(deps: WorkerDeps, run: ClaimedRun, beat: HeartbeatLoop, work: RunWork): Promise<string> {
  const counts: RunCounts = {};
  const bound = await loadBoundConnection(deps, run).catch((error: unknown) => {
    // Only decryption can fail here (a missing tenant is a broken foreign key, not an outcome).
    return { usable: false as const, failure: runFailure(error) };
  });
  if (!bound.usable) {
    const failure: RunFailure =
      "failure" in bound ? bound.failure : { reason: bound.reason, message: bound.detail, transient: false, diagnostics: {} };
    return finish(deps, run.id, { status: "failed", counts: { seen: 0, changed: 0, failed: 0 }, reason: failure.reason, detail: failure.message, diagnostics: failure.diagnostics });
  }

  const graph = deps.provider.graphClient({
    microsoftTenantId: bound.tenant.microsoftTenantId,
    clientId: bound.connection.clientId,
    clientSecret: bound.clientSecret,
  });
  const ctx: RunContext = {
    run,
    tenant: bound.tenant,
    connection: bound.connection,
    graph: stoppableGraph(graph, () => beat.stopCause),
    prisma: deps.prisma,
    async progress(next, diagnostics) {
      Object.assign(counts, next);
      const written = await durably(deps, `run ${run.id}: progress`, () => recordProgress(deps.prisma, run.id, next, diagnostics));
      if (!written.ok) beat.stopWith("run_lost");
      ctx.checkpoint();
    },
    checkpoint() {
      if (beat.stopCause !== undefined) throw new RunStopped(beat.stopCause);
    },
  };

  let attempt = run.attempt;
  for (;;) {
    try {
      ctx.checkpoint();
      const outcome = await work(ctx);
      return await finish(deps, run.id, withRecentRequests(outcome, graph.recentRequests(10)));
    } catch (error) {
      if (error instanceof RunStopped) return stopped(deps, run.id, error.stopCause, counts);
      const failure = runFailure(error);
      if (!isProviderError(error)) {
        deps.log.error(`run ${run.id} ${run.operation}: unexpected ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      const delay = failure.transient && attempt < run.maxAttempts ? retryDelayMs(attempt, failure.retryAfterSeconds, deps.timing) : undefined;
      if (delay !== undefined) {
        const retry = await durably(deps, `run ${run.id}: retry`, () =>
          beginRetry(deps.prisma, run.id, { reason: failure.reason, message: failure.message, delayMs: delay }),
        );
        if (retry.ok) {
          attempt = retry.attempt;
          deps.log.info(`run ${run.id} ${run.operation}: ${failure.reason}, attempt ${attempt}/${run.maxAttempts} in ${delay} ms`);
          // Heartbeats keep going while we wait; a stop cause cuts the pause short.
          await sleep(delay, undefined, { signal: beat.signal }).catch(() => undefined);
          continue;
        }
        if (retry.current !== "running") return `already ${retry.current ?? "gone"}; stopped`;
      }
      return finish(deps, run.id, {
        status: "failed",
        counts: { seen: counts.seen ?? 0, changed: counts.changed ?? 0, failed: counts.failed ?? 0 },
        reason: failure.reason,
        detail: failure.message,
        ...(failure.missingPermissions === undefined ? {} : { missingPermissions: failure.missingPermissions }),
        diagnostics: { ...failure.diagnostics, requests: graph.recentRequests(10) },
      });
    }
  }
}

/**
 * A write of the run's own state survives a database outage shorter than the lost-run bound: it
 * waits for the database instead of failing the run (after the bound the reaper owns the run).
 */
function durably<T>(deps: WorkerDeps, what: string, write: () => Promise<T>): Promise<T> {
  return untilDatabaseAnswers(what, write, { withinMs: deps.timing.lostAfterMs, log: deps.log });
}

function withRecentRequests(outcome: WorkOutcome, requests: RequestDiagnostic[]): WorkOutcome {
  return outcome.status === "succeeded" ? outcome : { ...outcome, diagnostics: { ...outcome.diagnostics, requests } };
}

async function finish(deps: WorkerDeps, runId: string, outcome: WorkOutcome): Promise<string> {
  const common = {
    counts: outcome.counts,
    ...(outcome.detail === undefined ? {} : { detail: outcome.detail }),
    ...(outcome.diagnostics === undefined ? {} : { diagnostics: outcome.diagnostics }),
    ...(outcome.missingPermissions === undefined ? {} : { missingPermissions: outcome.missingPermissions }),
  };
  const finished = await durably(deps, `run ${runId}: ending`, () =>
    outcome.status === "succeeded"
      ? finishRun(deps.prisma, runId, { status: "succeeded", ...common })
      : outcome.status === "partially_succeeded"
        ? finishRun(deps.prisma, runId, { status: "partially_succeeded", ...common, ...(outcome.reason === undefined ? {} : { reason: outcome.reason }) })
        : finishRun(deps.prisma, runId, { status: "failed", ...common, reason: outcome.reason ?? "internal_error" }),
  );
  if (!finished.ok) return `already ${finished.current ?? "gone"}; result of this worker discarded`;
  return finished.run.reasonCode === null ? finished.run.status : `${finished.run.status} (${finished.run.reasonCode})`;
}

/** The run stopped for a reason outside the work: cancellation, loss of ownership or shutdown. */
async function stopped(deps: WorkerDeps, runId: string, cause: RunStopped["stopCause"], counts: RunCounts): Promise<string> {
  const done = { seen: counts.seen ?? 0, changed: counts.changed ?? 0, failed: counts.failed ?? 0 };
  switch (cause) {
    case "cancellation_requested": {
      const confirmed = await durably(deps, `run ${runId}: cancellation`, () => confirmCancellation(deps.prisma, runId, { counts: done }));
      return confirmed.ok ? "cancelled on request" : `already ${confirmed.current ?? "gone"}`;
    }
    case "run_lost":
      return "no longer owned by this worker (finished or reaped elsewhere); stopped";
    case "shutdown":
      // The process is going away: end the run now rather than leave it for the reaper.
      return finish(deps, runId, {
        status: "failed",
        counts: done,
        reason: "worker_lost",
        detail: "The worker process shut down while the run was in progress.",
      });
  }
}
