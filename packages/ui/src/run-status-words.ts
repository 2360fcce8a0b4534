import { outcomeWords, type RunStatus } from "@tenantpilot/dispatch-gate/contract";

/**
 * Operator words for a run's status. A queued run is what an accepted start produced, so it reuses
 * the contract's "Queued" rather than spelling it a second time.
 */
export const runStatusWords = {
  queued: outcomeWords.accepted,
  running: "Running",
  succeeded: "Succeeded",
  partially_succeeded: "Partially succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
} as const satisfies Record<RunStatus, string>;
