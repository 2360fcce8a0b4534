import { defaultRunLostAfterMs } from "@tenantpilot/dispatch-gate";

/** How the worker keeps runs alive, retries them and reaps the ones whose worker died. */
export interface RunTiming {
  /** A running task writes its heartbeat this often (HEARTBEAT_INTERVAL_MS). */
  heartbeatIntervalMs: number;
  /** A running run silent for longer is failed as worker_lost (RUN_LOST_AFTER_MS, default 2 minutes). */
  lostAfterMs: number;
  /** How often each worker process looks for lost runs (REAPER_INTERVAL_MS). */
  reaperIntervalMs: number;
  /** First pause before retrying a transient provider failure inside a run; doubles per attempt. */
  retryBaseDelayMs: number;
  /** A longer pause (e.g. a long Retry-After) is not waited out: the run fails with the reason instead. */
  retryMaxDelayMs: number;
}

export const defaultRunTiming: RunTiming = {
  heartbeatIntervalMs: 5_000,
  lostAfterMs: defaultRunLostAfterMs,
  reaperIntervalMs: 30_000,
  retryBaseDelayMs: 2_000,
  retryMaxDelayMs: 60_000,
};

export function resolveRunTiming(overrides: Partial<RunTiming> = {}): RunTiming {
  const timing: RunTiming = {
    ...defaultRunTiming,
    // The reaper must look several times within the bound, or "within the bound" is not true.
    reaperIntervalMs: Math.min(defaultRunTiming.reaperIntervalMs, Math.max(250, Math.floor((overrides.lostAfterMs ?? defaultRunTiming.lostAfterMs) / 4))),
    ...overrides,
  };
  for (const [name, value] of Object.entries(timing)) {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`run timing: ${name} must be a positive number of milliseconds, got ${value}`);
  }
  // A healthy run must beat at least twice per bound, or a slow database round trip gets it reaped.
  if (timing.heartbeatIntervalMs * 2 > timing.lostAfterMs) {
    throw new Error(
      `run timing: heartbeat every ${timing.heartbeatIntervalMs} ms is too slow for a lost-run bound of ${timing.lostAfterMs} ms (needs at most half)`,
    );
  }
  return timing;
}
