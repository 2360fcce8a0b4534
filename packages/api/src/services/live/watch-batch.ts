import type { Db } from "@tenantpilot/db";
import { tenantVisibleTo } from "@tenantpilot/auth";
import { batchSnapshot, batchWatchSet } from "@tenantpilot/dispatch-gate";
import { batchStatusOf, type BatchSnapshot } from "@tenantpilot/dispatch-gate/contract";
import { notFound } from "../../errors";
import { openFeedInbox } from "./feed-inbox";
import type { RunTransitionFeed } from "./run-transition-feed";
import { watchPollMs } from "./watch-runs";

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
    let told = "";
    try {
      for (;;) {
        // Announcements only say that something moved: every kind (a transition, a resync after an
        // outage of the listener) is answered by reading the snapshot again.
        inbox.take();
        const read = await batchSnapshot(db, request.batchId, request.runIds, visible);
        const snapshot: BatchSnapshot = { batchId: request.batchId, status: batchStatusOf(read.counts), ...read };
        const text = JSON.stringify(snapshot);
        if (text !== told) {
          told = text;
          yield snapshot;
        }
        if (snapshot.status === "finished" || request.signal?.aborted) return;
        await inbox.wait(feed === undefined ? watchPollMs : undefined);
        if (feed !== undefined) await pause(batchCoalesceMs, request.signal);
        // The caller went away: no read for nobody.
        if (request.signal?.aborted) return;
      }
    } finally {
      inbox.close();
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
