import type { PrismaClient } from "@tenantpilot/db";
import type { ClaimedRun, ReasonCode, RunCounts, RunDiagnosticsInput } from "@tenantpilot/dispatch-gate";
import type { GraphClient } from "@tenantpilot/provider-graph";

export interface RunTenant {
  id: string;
  slug: string;
  displayName: string;
  microsoftTenantId: string;
}

export interface RunConnection {
  id: string;
  displayName: string;
  clientId: string;
  identityVersion: number;
}

/** Why a task stopped before its work was done: none of these is a provider failure. */
export type StopCause = "cancellation_requested" | "run_lost" | "shutdown";

/** Thrown by `checkpoint()` once the run must stop; the harness turns it into the right ending. */
export class RunStopped extends Error {
  override readonly name = "RunStopped";
  constructor(readonly stopCause: StopCause) {
    super(`run stopped: ${stopCause}`);
  }
}

/** What a task's work is given for one attempt. */
export interface RunContext {
  run: ClaimedRun;
  tenant: RunTenant;
  connection: RunConnection;
  graph: GraphClient;
  prisma: PrismaClient;
  /** Current summary counts and diagnostics (merged); also proves the run is still ours. */
  progress(counts: RunCounts, diagnostics?: RunDiagnosticsInput): Promise<void>;
  /** Throws RunStopped when the run was cancelled, reaped or the worker shuts down. Call between items. */
  checkpoint(): void;
}

/** How a task's work ended when it did not throw. */
export interface WorkOutcome {
  status: "succeeded" | "partially_succeeded" | "failed";
  counts: Required<RunCounts>;
  reason?: ReasonCode;
  detail?: string;
  missingPermissions?: readonly string[];
  diagnostics?: RunDiagnosticsInput;
}

export type RunWork = (ctx: RunContext) => Promise<WorkOutcome>;
