import { heartbeat } from "@tenantpilot/dispatch-gate";
import type { StopCause } from "./run-context";
import type { WorkerDeps } from "./worker-deps";
import { errorLine } from "../error-line";

export interface HeartbeatLoop {
  /** Why the run must stop, once it must. */
  readonly stopCause: StopCause | undefined;
  /** Aborts when a stop cause arrives, to cut a retry pause short. */
  readonly signal: AbortSignal;
  /** Records a stop cause learnt elsewhere (a refused progress write). */
  stopWith(cause: StopCause): void;
  stop(): void;
}

/**
 * Beats on a timer for as long as the task runs — during Graph calls, the Graph client's own
 * throttling pauses and the in-run retry backoff alike — so the reaper never takes a run that
 * is merely waiting. A refused beat means the run is no longer ours (reaped, finished
 * elsewhere); a beat that reports a cancellation request stops the work at its next checkpoint.
 * A failed beat (database hiccup) is logged and tried again at the next tick.
 */
export function startHeartbeatLoop(deps: WorkerDeps, runId: string, shutdown: AbortSignal): HeartbeatLoop {
  const controller = new AbortController();
  let stopCause: StopCause | undefined;
  const stopWith = (cause: StopCause) => {
    if (stopCause !== undefined) return;
    stopCause = cause;
    controller.abort(cause);
  };
  const onShutdown = () => stopWith("shutdown");
  if (shutdown.aborted) onShutdown();
  else shutdown.addEventListener("abort", onShutdown, { once: true });

  let beating = false;
  const timer = setInterval(() => {
    if (beating) return;
    beating = true;
    heartbeat(deps.prisma, runId)
      .then((beat) => {
        if (!beat.ok) stopWith("run_lost");
        else if (beat.cancellationRequested) stopWith("cancellation_requested");
      })
      .catch((error: unknown) => deps.log.error(`run ${runId}: heartbeat failed (${errorLine(error)})`))
      .finally(() => {
        beating = false;
      });
  }, deps.timing.heartbeatIntervalMs);

  return {
    get stopCause() {
      return stopCause;
    },
    signal: controller.signal,
    stopWith,
    stop() {
      clearInterval(timer);
      shutdown.removeEventListener("abort", onShutdown);
    },
  };
}
