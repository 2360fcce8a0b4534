import pg from "pg";

export interface ChannelListenerOptions {
  databaseUrl: string;
  /** A PostgreSQL channel name as written in `pg_notify('…', …)` (plain identifier). */
  channel: string;
  onNotification: (payload: string) => void;
  /**
   * Called after LISTEN is in place again following a lost connection: notifications sent while
   * nobody listened are gone, so whoever relies on them re-reads the state they describe.
   */
  onReconnected?: () => void;
  /** A connection was lost or could not be opened; the listener keeps trying. */
  onConnectionLost?: (error: unknown) => void;
  /** First delay before reconnecting; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export interface ChannelListener {
  /** Resolves once LISTEN is in place (the first time, or again after an outage). */
  listening(): Promise<void>;
  /** The server process id of the current connection (tests end it to simulate an outage). */
  backendPid(): number | null;
  close(): Promise<void>;
}

const channelName = /^[a-z_][a-z0-9_]*$/;

/**
 * One dedicated connection holding LISTEN on one channel, reconnecting after a database outage.
 * It is not taken from a pool: a pooled connection is handed to other queries and would lose the
 * LISTEN, and an idle pooled connection may be closed at any time.
 */
export function listenToChannel(options: ChannelListenerOptions): ChannelListener {
  if (!channelName.test(options.channel)) throw new Error(`not a plain channel name: ${options.channel}`);
  const firstDelay = options.retryDelayMs ?? 250;
  const maxDelay = options.maxRetryDelayMs ?? 5_000;
  let client: pg.Client | null = null;
  let closed = false;
  let everListened = false;
  /** LISTEN is in place on the current connection. */
  let live = false;
  let delay = firstDelay;
  let retryTimer: NodeJS.Timeout | null = null;
  let waiting: Array<() => void> = [];

  const connect = async () => {
    if (closed) return;
    const candidate = new pg.Client({ connectionString: options.databaseUrl });
    client = candidate;
    // Errors arrive as events on an open connection: the connection is gone, start over.
    candidate.on("error", (error) => lost(candidate, error));
    candidate.on("end", () => lost(candidate, new Error("listener connection ended")));
    candidate.on("notification", (message) => {
      if (message.channel === options.channel && message.payload !== undefined) options.onNotification(message.payload);
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${options.channel}`);
    } catch (error) {
      lost(candidate, error);
      return;
    }
    if (closed) return void candidate.end().catch(() => undefined);
    delay = firstDelay;
    live = true;
    const again = everListened;
    everListened = true;
    for (const resolve of waiting) resolve();
    waiting = [];
    if (again) options.onReconnected?.();
  };

  const lost = (which: pg.Client, error: unknown) => {
    if (client !== which || closed) return;
    client = null;
    live = false;
    which.removeAllListeners("notification");
    void which.end().catch(() => undefined);
    options.onConnectionLost?.(error);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    retryTimer.unref();
    delay = Math.min(delay * 2, maxDelay);
  };

  void connect();

  return {
    listening: () =>
      new Promise<void>((resolve) => {
        if (live || closed) resolve();
        else waiting.push(resolve);
      }),
    backendPid: () => (client as (pg.Client & { processID?: number }) | null)?.processID ?? null,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      live = false;
      for (const resolve of waiting) resolve();
      waiting = [];
      if (current) await current.end().catch(() => undefined);
    },
  };
}
