import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseCrontab, run, runOnce, type Runner } from "graphile-worker";
import { loadEncryptionKey, type EncryptionKey } from "@tenantpilot/auth";
import { createPrismaClient, isDatabaseUnavailable, type PrismaClient } from "@tenantpilot/db";
import { failLostRuns } from "@tenantpilot/dispatch-gate";
import type { WorkerDeps } from "./execution/worker-deps";
import { createProvider, type ProviderOptions } from "./provider";
import { startReaper, type Reaper } from "./reaper";
import { resolveRunTiming, type RunTiming } from "./run-timing";
import { workerCrontab } from "./scheduling/crontab";
import { createTaskList } from "./tasks/index";
import { startWorkerHeartbeat, type WorkerHeartbeat } from "./worker-heartbeat";
import { graphileLogger, processLog, type WorkerLog } from "./worker-log";
import { defaultWebhookOptions, type WebhookOptions } from "./webhooks/webhook-options";
import { errorLine } from "./error-line";

export interface CreateWorkerOptions {
  databaseUrl: string;
  /** Jobs this process runs at once (graphile-worker concurrency). Default 4. */
  concurrency?: number;
  /** Default: sandbox mode with the demo sandbox started inside this process. */
  provider?: ProviderOptions;
  /** Default: APP_ENCRYPTION_KEY or the data directory's key file (packages/auth). */
  encryptionKey?: EncryptionKey;
  timing?: Partial<RunTiming>;
  /** graphile-worker crontab; default the schedules tick and housekeeping. "" schedules nothing. */
  crontab?: string;
  log?: WorkerLog;
  /** graphile-worker's poll interval for future-dated jobs (ms). */
  pollInterval?: number;
  /** How often this process reports alive in worker_heartbeats (WORKER_HEARTBEAT_INTERVAL_MS, default 10 s). */
  workerHeartbeatIntervalMs?: number;
  /** How long graphile-worker lets running tasks finish on stop before aborting them (default 5 s). */
  shutdownGraceMs?: number;
  /** Outbound webhook deliveries (ADR 026); default: public addresses only, 30 s doubling to an hour. */
  webhooks?: Partial<WebhookOptions>;
}

export interface TenantPilotWorker {
  readonly prisma: PrismaClient;
  readonly timing: RunTiming;
  /** Runs every job that is ready now, one at a time, then returns (graphile-worker runOnce). */
  runOnce(): Promise<void>;
  /**
   * Starts taking jobs (LISTEN/poll), the crontab, the reaper and the process heartbeat. While the
   * database cannot be reached it keeps trying (with backoff) and resolves once running; a queue
   * that stops with an error later is started again the same way.
   */
  start(): Promise<void>;
  /** Settles when a started worker has stopped (stop(); main.ts calls it on SIGINT/SIGTERM). */
  readonly stopped: Promise<void>;
  /** One reaper pass now. */
  reapLostRuns(): Promise<string[]>;
  /** Graceful: running tasks finish (or end as worker_lost once graphile-worker aborts them). */
  stop(): Promise<void>;
}

/**
 * A worker usable in-process (tests) and as the process `src/main.ts` runs. Several of them —
 * in one process or many — share one database safely: graphile-worker hands each job to exactly
 * one of them, and the run-transition service refuses any second claim of a run.
 */
export function createWorker(options: CreateWorkerOptions): TenantPilotWorker {
  const log = options.log ?? processLog;
  const timing = resolveRunTiming(options.timing);
  const concurrency = options.concurrency ?? 4;
  // Each running task holds at most one connection at a time; the reaper and a little headroom.
  const prisma = createPrismaClient(options.databaseUrl, { maxConnections: concurrency + 3 });
  const provider = createProvider(options.provider ?? { mode: "sandbox" });
  const deps: WorkerDeps = {
    prisma,
    databaseUrl: options.databaseUrl,
    provider,
    encryptionKey: options.encryptionKey ?? loadEncryptionKey(),
    timing,
    log,
    processId: `${hostname()}:${process.pid}`,
    webhooks: { ...defaultWebhookOptions, ...options.webhooks },
  };
  const taskList = createTaskList(deps);
  const graphileOptions = {
    connectionString: options.databaseUrl,
    logger: graphileLogger(log),
    // Signals are the process entry's business (main.ts): a runner that stops by itself is restarted.
    noHandleSignals: true,
    ...(options.pollInterval === undefined ? {} : { pollInterval: options.pollInterval }),
    preset: {
      worker: {
        // Batched completion retries through a database outage (up to minutes, with backoff)
        // instead of one attempt whose rejection nobody handles; see ADR 015.
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
        gracefulShutdownAbortTimeout: options.shutdownGraceMs ?? 5_000,
      },
    },
  };

  let runner: Runner | undefined;
  let reaper: Reaper | undefined;
  let heartbeat: WorkerHeartbeat | undefined;
  let stopRequested = false;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  let stopping: Promise<void> | undefined;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await reaper?.stop();
    await heartbeat?.stop();
    provider.stop();
    await prisma.$disconnect();
    resolveStopped();
  };

  /** graphile-worker's runner, started again with backoff whenever it cannot start or stops with an error. */
  const startRunner = async (): Promise<void> => {
    let delay = 500;
    for (;;) {
      if (stopRequested) return;
      try {
        const started = await run({ ...graphileOptions, concurrency }, taskList, parseCrontab(options.crontab ?? workerCrontab));
        runner = started;
        started.promise.then(
          () => {
            if (stopRequested) void release();
            else {
              log.error("queue stopped by itself; starting it again");
              void startRunner();
            }
          },
          (error: unknown) => {
            if (stopRequested) return void release();
            log.error(`queue stopped with an error (${errorLine(error)}); starting it again`);
            void startRunner();
          },
        );
        return;
      } catch (error) {
        if (!isDatabaseUnavailable(error) && !isConnectionTrouble(error)) throw error;
        log.error(`queue cannot start: database unavailable (${errorLine(error)}); trying again in ${delay} ms`);
        await sleep(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  };

  return {
    prisma,
    timing,
    runOnce: () => runOnce({ ...graphileOptions, concurrency: 1 }, taskList),
    async start() {
      if (runner || reaper) throw new Error("worker already started");
      heartbeat = startWorkerHeartbeat(prisma, deps.processId, options.workerHeartbeatIntervalMs ?? 10_000, log);
      void heartbeat.beat();
      reaper = startReaper(prisma, timing, log);
      await startRunner();
    },
    stopped,
    async reapLostRuns() {
      if (reaper) return reaper.reap();
      const { failed } = await failLostRuns(prisma, { staleAfterMs: timing.lostAfterMs });
      return failed.map((run) => run.id);
    },
    stop() {
      // Idempotent: a second stop waits for the first.
      stopRequested = true;
      stopping ??= runner ? runner.stop().then(() => release()).then(() => stopped) : release();
      return stopping;
    },
  };
}

/** graphile-worker's own start-up checks report an unreachable database in their own words. */
function isConnectionTrouble(error: unknown): boolean {
  return error instanceof Error && /ECONNREFUSED|ECONNRESET|terminat|connect/i.test(error.message);
}
