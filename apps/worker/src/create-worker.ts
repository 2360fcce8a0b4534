import { hostname } from "node:os";
import { parseCrontab, run, runOnce, type Runner } from "graphile-worker";
import { loadEncryptionKey, type EncryptionKey } from "@tenantpilot/auth";
import { createPrismaClient, type PrismaClient } from "@tenantpilot/db";
import { failLostRuns } from "@tenantpilot/dispatch-gate";
import type { WorkerDeps } from "./execution/worker-deps";
import { createProvider, type ProviderOptions } from "./provider";
import { startReaper, type Reaper } from "./reaper";
import { resolveRunTiming, type RunTiming } from "./run-timing";
import { workerCrontab } from "./scheduling/crontab";
import { createTaskList } from "./tasks/index";
import { graphileLogger, processLog, type WorkerLog } from "./worker-log";

export interface CreateWorkerOptions {
  databaseUrl: string;
  /** Jobs this process runs at once (graphile-worker concurrency). Default 4. */
  concurrency?: number;
  /** Default: sandbox mode with the demo sandbox started inside this process. */
  provider?: ProviderOptions;
  /** Default: APP_ENCRYPTION_KEY or the data directory's key file (packages/auth). */
  encryptionKey?: EncryptionKey;
  timing?: Partial<RunTiming>;
  /** graphile-worker crontab; default the nightly inventory fan-out. "" schedules nothing. */
  crontab?: string;
  log?: WorkerLog;
  /** graphile-worker's poll interval for future-dated jobs (ms). */
  pollInterval?: number;
  /** Let graphile-worker handle SIGINT/SIGTERM (the process entry point does; tests do not). */
  handleSignals?: boolean;
}

export interface TenantPilotWorker {
  readonly prisma: PrismaClient;
  readonly timing: RunTiming;
  /** Runs every job that is ready now, one at a time, then returns (graphile-worker runOnce). */
  runOnce(): Promise<void>;
  /** Starts taking jobs (LISTEN/poll), the crontab and the reaper. */
  start(): Promise<void>;
  /** Settles when a started worker has stopped (stop(), or a signal when handleSignals). */
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
  };
  const taskList = createTaskList(deps);
  const graphileOptions = {
    connectionString: options.databaseUrl,
    logger: graphileLogger(log),
    noHandleSignals: !(options.handleSignals ?? false),
    ...(options.pollInterval === undefined ? {} : { pollInterval: options.pollInterval }),
  };

  let runner: Runner | undefined;
  let reaper: Reaper | undefined;
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
    provider.stop();
    await prisma.$disconnect();
    resolveStopped();
  };

  return {
    prisma,
    timing,
    runOnce: () => runOnce({ ...graphileOptions, concurrency: 1 }, taskList),
    async start() {
      if (runner) throw new Error("worker already started");
      runner = await run({ ...graphileOptions, concurrency }, taskList, parseCrontab(options.crontab ?? workerCrontab));
      reaper = startReaper(prisma, timing, log);
      runner.promise.then(release, async (error: unknown) => {
        log.error(`queue stopped with an error: ${error instanceof Error ? error.message : String(error)}`);
        await release();
      });
    },
    stopped,
    async reapLostRuns() {
      if (reaper) return reaper.reap();
      const { failed } = await failLostRuns(prisma, { staleAfterMs: timing.lostAfterMs });
      return failed.map((run) => run.id);
    },
    stop() {
      // Idempotent: a second stop waits for the first.
      stopping ??= runner ? runner.stop().then(() => stopped) : release();
      return stopping;
    },
  };
}
