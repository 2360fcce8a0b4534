// The run-transition service: after admission, the only writer of operation_runs.status.
export { startRun } from "./start-run";
export { heartbeat, recordProgress, beginRetry, type RetryRecord } from "./run-activity";
export { finishRun, confirmCancellation, type FinishRunInput } from "./finish-run";
export { cancelRun, type CancelRunResult } from "./cancel-run";
export { failLostRuns, defaultRunLostAfterMs } from "./lost-runs";
export { terminalNotification, type TerminalNotificationFacts } from "./terminal-notification";
export type { ClaimedRun, RunCounts, TerminalRun, TransitionRefused } from "./run-transition";
