import type { Db } from "@tenantpilot/db";
import { runStatusOf } from "@tenantpilot/dispatch-gate";
import { isActiveRunStatus, type RunProgress, type RunStatus } from "@tenantpilot/dispatch-gate/contract";
import { openFeedInbox } from "./feed-inbox";
import type { RunTransitionFeed } from "./run-transition-feed";

/** Without a feed (a process with no LISTEN connection), how often the watched rows are re-read. */
export const watchPollMs = 2_000;

export interface WatchRequest {
  runIds: readonly string[];
  /** The tenants the caller was authorized for (the runs' own tenants). */
  tenantIds: ReadonlySet<string>;
  signal?: AbortSignal | undefined;
}

/**
 * The watched runs' current state first (from the database), then each transition as PostgreSQL
 * announces it; ends when every watched run has ended, or when the caller goes away. After the
 * listener lost its connection (an outage) the rows are read again, since announcements made
 * meanwhile are gone.
 */
export async function* watchRuns(db: Db, feed: RunTransitionFeed | undefined, request: WatchRequest): AsyncGenerator<RunProgress> {
  // Subscribed before the first read; a transition older than the read is dropped by `advances`.
  const inbox = openFeedInbox(feed, { runIds: new Set(request.runIds), tenantIds: request.tenantIds }, request.signal);
  const known = new Map<string, RunProgress>();
  try {
    let reread = true;
    for (;;) {
      const updates: RunProgress[] = reread ? await readProgress(db, request) : [];
      reread = false;
      for (const event of inbox.take()) {
        if (event.kind === "resync") reread = true;
        else updates.push(event.transition.progress);
      }
      if (reread) continue;
      for (const progress of updates) {
        if (!advances(known.get(progress.runId), progress)) continue;
        known.set(progress.runId, progress);
        yield progress;
      }
      if (request.signal?.aborted || ![...known.values()].some((progress) => isActiveRunStatus(progress.status))) return;
      await inbox.wait(feed === undefined ? watchPollMs : undefined);
      // The caller went away: no read for nobody.
      if (request.signal?.aborted) return;
      if (feed === undefined) reread = true;
    }
  } finally {
    inbox.close();
  }
}

async function readProgress(db: Db, request: WatchRequest): Promise<RunProgress[]> {
  const rows = await db.operationRun.findMany({
    where: { id: { in: [...request.runIds] }, tenantId: { in: [...request.tenantIds] } },
    select: { id: true, status: true, itemsSeen: true, itemsChanged: true, itemsFailed: true },
  });
  return rows.map((row) => ({
    runId: row.id,
    status: runStatusOf(row),
    counts: { seen: row.itemsSeen, changed: row.itemsChanged, failed: row.itemsFailed },
  }));
}

const stage: Record<RunStatus, number> = { queued: 0, running: 1, succeeded: 2, partially_succeeded: 2, failed: 2, cancelled: 2 };

/**
 * A run only moves forward (queued → running → an end), and its counts only change while it
 * runs: an announcement older than what is known is dropped, and an unchanged state is not
 * repeated.
 */
function advances(known: RunProgress | undefined, next: RunProgress): boolean {
  if (known === undefined) return true;
  if (stage[next.status] !== stage[known.status]) return stage[next.status] > stage[known.status];
  if (next.status !== known.status) return false;
  const a = known.counts;
  const b = next.counts;
  return next.status === "running" && (a.seen !== b.seen || a.changed !== b.changed || a.failed !== b.failed);
}
