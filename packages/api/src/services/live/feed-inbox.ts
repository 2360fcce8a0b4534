import type { RunFeedEvent, RunTransitionFeed } from "./run-transition-feed";

/** What a watch hears from the process's one listener, kept until the watch has time for it. */
export interface FeedInbox {
  /** The events heard since the last take. */
  take(): RunFeedEvent[];
  /** Resolves when an event is waiting, the caller went away, or after `timeoutMs` (when given). */
  wait(timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * Subscribes to the feed for these runs (of these tenants) at once: opened before a watch's first
 * read, so that a transition between the read and the subscription is not lost.
 */
export function openFeedInbox(
  feed: RunTransitionFeed | undefined,
  watched: { runIds: ReadonlySet<string>; tenantIds: ReadonlySet<string> },
  signal: AbortSignal | undefined,
): FeedInbox {
  const events: RunFeedEvent[] = [];
  let wake: (() => void) | null = null;
  const rouse = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const unsubscribe = feed?.watch({
    runIds: watched.runIds,
    tenantIds: watched.tenantIds,
    deliver: (event) => {
      events.push(event);
      rouse();
    },
  });
  signal?.addEventListener("abort", rouse);
  return {
    take: () => events.splice(0),
    async wait(timeoutMs) {
      const timer = timeoutMs === undefined ? undefined : setTimeout(rouse, timeoutMs);
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (events.length > 0 || signal?.aborted) rouse();
      });
      clearTimeout(timer);
    },
    close() {
      unsubscribe?.();
      signal?.removeEventListener("abort", rouse);
    },
  };
}
