import { failLostRuns } from "@tenantpilot/dispatch-gate";
import type { PrismaClient } from "@tenantpilot/db";
import type { RunTiming } from "./run-timing";
import type { WorkerLog } from "./worker-log";
import { errorLine } from "./error-line";

export interface Reaper {
  /** One pass now; resolves with the ids it failed. */
  reap(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Every worker process reaps on its own interval: with several processes the bound holds as long
 * as any one of them lives, and failLostRuns is safe to run concurrently. Passes never overlap
 * within a process.
 */
export function startReaper(prisma: PrismaClient, timing: RunTiming, log: WorkerLog): Reaper {
  let current: Promise<string[]> | undefined;
  const reap = () => {
    current ??= failLostRuns(prisma, { staleAfterMs: timing.lostAfterMs })
      .then(({ failed }) => {
        for (const run of failed) log.info(`run ${run.id} ${run.operation}: failed (worker_lost) by the reaper`);
        return failed.map((run) => run.id);
      })
      .catch((error: unknown) => {
        log.error(`reaper: pass failed (${errorLine(error)})`);
        return [];
      })
      .finally(() => {
        current = undefined;
      });
    return current;
  };
  const timer = setInterval(() => void reap(), timing.reaperIntervalMs);
  return {
    reap,
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
