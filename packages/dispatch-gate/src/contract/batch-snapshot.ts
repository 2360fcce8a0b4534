import { z } from "zod";
import { BatchCounts, batchStatuses } from "./batches";
import { Uuid } from "./ids";
import { RunProgress } from "./run-progress";

/**
 * Where a batch stands as a watcher of it is told (batches.watch, ADR 034): its counts and status,
 * and the runs of the rows the watcher shows, all read in one snapshot so that a page's rollup and
 * its table never disagree.
 */
export const BatchSnapshot = z.object({
  batchId: Uuid,
  status: z.enum(batchStatuses),
  counts: BatchCounts,
  runs: z.array(RunProgress),
});
export type BatchSnapshot = z.infer<typeof BatchSnapshot>;

/** How many rows' runs one batch watch may name: the largest page of batches.detail. */
export const watchedBatchRunsMax = 200;
