import { z } from "zod";
import { Uuid } from "./ids";
import { RunStatusSchema, type RunStatus } from "./runs";
import { matchPreviewResult, matchStartResult, type PreviewResult, type RunRef, type StartResult } from "./start-result";

/**
 * Where a run stands, as a watcher of it is told (operations.watch): its status and summary
 * counts, the same columns PostgreSQL announces on every transition (ADR 028).
 */
export const RunProgress = z.object({
  runId: Uuid,
  status: RunStatusSchema,
  counts: z.object({ seen: z.number().int(), changed: z.number().int(), failed: z.number().int() }),
});
export type RunProgress = z.infer<typeof RunProgress>;

/** How many runs one watch may follow: a page's notices, not a monitoring feed. */
export const watchedRunsMax = 20;

/** The counts as one sentence for a run in this status ("Finished: 12 items processed, 3 changed."). */
export function runProgressSentence(status: RunStatus, counts: RunProgress["counts"]): string {
  const items = `${counts.seen} ${counts.seen === 1 ? "item" : "items"}`;
  switch (status) {
    case "queued":
      return "Waiting for a worker to pick it up.";
    case "running":
      return counts.seen === 0 ? "Working — no items processed yet." : `Working — ${items} processed so far, ${counts.changed} changed.`;
    case "succeeded":
      return `Finished: ${items} processed, ${counts.changed} changed.`;
    case "partially_succeeded":
      return `Finished with problems: ${items} processed, ${counts.failed} failed.`;
    case "failed":
      return counts.seen === 0 ? "Stopped before any item was processed." : `Stopped after ${items}, ${counts.failed} failed.`;
    case "cancelled":
      return "Cancelled before it finished.";
  }
}

/** The run an answer names — the new run, the one already running, the scope's holder — if any. */
export function runNamedByStart(result: StartResult): RunRef | null {
  return matchStartResult<RunRef | null>(result, {
    accepted: ({ run }) => run,
    deduped: ({ run }) => run,
    scope_busy: ({ blockingRun }) => blockingRun,
    blocked: () => null,
  });
}

/** The run a readiness line names (already running, or holding the scope), if any. */
export function runNamedByPreview(preview: PreviewResult): RunRef | null {
  return matchPreviewResult<RunRef | null>(preview, {
    ready: () => null,
    deduped: ({ run }) => run,
    scope_busy: ({ blockingRun }) => blockingRun,
    blocked: () => null,
  });
}
