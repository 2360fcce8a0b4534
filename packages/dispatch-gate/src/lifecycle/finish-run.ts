import { Prisma, type Db } from "@tenantpilot/db";
import type { ReasonCode, RunDiagnosticsInput } from "../contract";
import type { RunCounts, TerminalRun, TransitionRefused } from "./run-transition";
import { terminate } from "./terminal-transition";

interface FinishCommon {
  counts?: RunCounts;
  /** Operator-safe detail (e.g. the provider's message with its request id); never a secret. */
  detail?: string;
  /** Merged into the run's diagnostics; never secrets. */
  diagnostics?: RunDiagnosticsInput;
  /** provider_permission_missing: named in the notification like on a blocked start. */
  missingPermissions?: readonly string[];
}

export type FinishRunInput =
  | (FinishCommon & { status: "succeeded"; reason?: undefined })
  /** Some items failed; the reason, when one dominates, is told like anywhere else. */
  | (FinishCommon & { status: "partially_succeeded"; reason?: ReasonCode })
  | (FinishCommon & { status: "failed"; reason: ReasonCode });

/** running → succeeded | partially_succeeded | failed, with counts, reason and the terminal notification. */
export function finishRun(db: Db, runId: string, input: FinishRunInput): Promise<{ ok: true; run: TerminalRun } | TransitionRefused> {
  return terminate(db, runId, {
    from: ["running"],
    to: input.status,
    reasonCode: input.reason ?? null,
    reasonDetail: input.detail ?? null,
    ...(input.counts === undefined ? {} : { counts: input.counts }),
    diagnostics: {
      ...input.diagnostics,
      ...(input.missingPermissions === undefined ? {} : { missingPermissions: [...input.missingPermissions] }),
    },
    ...(input.missingPermissions === undefined ? {} : { missingPermissions: input.missingPermissions }),
  });
}

/**
 * running → cancelled, by the worker honouring a cancellation request (see cancelRun). Refused
 * when nobody requested one: a worker cannot decide on its own that a run was cancelled.
 */
export function confirmCancellation(
  db: Db,
  runId: string,
  input: { counts?: RunCounts; diagnostics?: RunDiagnosticsInput } = {},
): Promise<{ ok: true; run: TerminalRun } | TransitionRefused> {
  return terminate(db, runId, {
    from: ["running"],
    to: "cancelled",
    reasonCode: "run_cancelled",
    ...(input.counts === undefined ? {} : { counts: input.counts }),
    ...(input.diagnostics === undefined ? {} : { diagnostics: input.diagnostics }),
    condition: Prisma.sql`r.diagnostics ? 'cancellation'`,
  });
}
