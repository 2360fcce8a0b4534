import { afterAll, beforeAll } from "vitest";
import { createRunTransitionFeed, type RunTransitionFeed } from "@tenantpilot/api";
import { testDatabaseUrl } from "@tenantpilot/test-support";

/**
 * The run transition feed (one LISTEN connection, as an admin process has) for this test file:
 * listening before its first test, closed after its last. Short reconnect delay for outage tests.
 */
export function listeningFeedForThisFile(): () => RunTransitionFeed {
  let feed: RunTransitionFeed | undefined;
  beforeAll(async () => {
    feed = createRunTransitionFeed({ databaseUrl: testDatabaseUrl(), retryDelayMs: 400 });
    await feed.listening();
  });
  afterAll(() => feed?.close());
  return () => {
    if (feed === undefined) throw new Error("the feed listens from beforeAll on");
    return feed;
  };
}

/** The next value a watch yields, or a failure after `ms` (a watch that hangs fails the test, not the suite). */
export async function nextWithin<T>(iterator: AsyncIterator<T>, ms = 10_000): Promise<IteratorResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([iterator.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
