import type { Db } from "@tenantpilot/db";
import { tenantVisibleTo } from "@tenantpilot/auth";
import { batchSnapshot, batchWatchSet, type BatchSnapshotRead } from "@tenantpilot/dispatch-gate";
import { batchStatusOf, type BatchSnapshot } from "@tenantpilot/dispatch-gate/contract";
import { notFound } from "../../errors";
import { performance } from "node:perf_hooks";
import { openFeedInbox } from "./feed-inbox";
import type { RunTransitionFeed } from "./run-transition-feed";
import { SharedReads } from "./shared-reads";
import { watchPollMs } from "./watch-runs";

/** Per database client: the snapshot reads its batch watches share. */
const sharedReads = new WeakMap<Db, SharedReads<BatchSnapshotRead>>();
/** How many open watches read each key, so that the last one to end forgets it. */
const readers = new Map<string, number>();

/**
 * How long a watch lets announcements gather before it reads: a worker ending a hundred runs of a
 * batch within this window costs one read, not a hundred.
 */
export const batchCoalesceMs = 150;

export interface BatchWatchRequest {
  batchId: string;
  /** The rows' runs the page shows (their status travels with the counts, from the same snapshot). */
  runIds: readonly string[];
  viewerUserId: string;
  signal?: AbortSignal | undefined;
}

/**
 * Follows a batch (ADR 034): its snapshot first, then a new one after each burst of transitions of
 * its runs; ends once the batch is finished. A named run that is not one of the viewer's rows of
 * this batch answers NOT_FOUND before anything is followed.
 */
export async function watchBatch(db: Db, feed: RunTransitionFeed | undefined, request: BatchWatchRequest): Promise<AsyncGenerator<BatchSnapshot>> {
  const visible = tenantVisibleTo(request.viewerUserId);
  const watched = await batchWatchSet(db, request.batchId, visible);
  if (request.runIds.some((runId) => !watched.runIds.has(runId))) throw notFound("run");
  return follow();

  async function* follow(): AsyncGenerator<BatchSnapshot> {
    // Only the runs still active can move; the feed hands over only those of the viewer's tenants.
    // Subscribed before the first read, so a transition between the two is not lost.
    const inbox = openFeedInbox(feed, { runIds: watched.activeRunIds, tenantIds: watched.tenantIds }, request.signal);
    // Watches of the same rows for the same viewer read the same snapshot: one read per burst for all.
    const key = `${request.batchId}|${request.viewerUserId}|${[...request.runIds].sort().join(",")}`;
    const reads = sharedReads.get(db) ?? new SharedReads<BatchSnapshotRead>();
    sharedReads.set(db, reads);
    readers.set(key, (readers.get(key) ?? 0) + 1);
    let told = "";
    let since = performance.now();
    try {
      for (;;) {
        // Announcements only say that something moved: every kind (a transition, a resync after an
        // outage of the listener) is answered by reading the snapshot again.
        inbox.take();
        const read = await reads.read(key, since, () => batchSnapshot(db, request.batchId, request.runIds, visible));
        const snapshot: BatchSnapshot = { batchId: request.batchId, status: batchStatusOf(read.counts), ...read };
        const text = JSON.stringify(snapshot);
        if (text !== told) {
          told = text;
          yield snapshot;
        }
        if (snapshot.status === "finished" || request.signal?.aborted) return;
        await inbox.wait(feed === undefined ? watchPollMs : undefined);
        since = performance.now();
        if (feed !== undefined) await pause(batchCoalesceMs, request.signal);
        // The caller went away: no read for nobody.
        if (request.signal?.aborted) return;
      }
    } finally {
      inbox.close();
      const left = (readers.get(key) ?? 1) - 1;
      if (left > 0) readers.set(key, left);
      else {
        readers.delete(key);
        reads.forget(key);
      }
    }
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
