import type { PrismaClient } from "@tenantpilot/db";
import type { WorkerLog } from "./worker-log";
import { errorLine } from "./error-line";

export interface WorkerHeartbeat {
  /** One beat now (also the first). */
  beat(): Promise<void>;
  /** Stops beating and removes this process's row (an orderly stop is not a dead worker). */
  stop(): Promise<void>;
}

/**
 * This process tells the database it is alive every `intervalMs` (worker_heartbeats), whether or
 * not it runs anything: readiness and the metrics read it. A failed beat (database outage) is
 * logged once per outage and tried again at the next tick; it never stops the worker.
 */
export function startWorkerHeartbeat(prisma: PrismaClient, workerId: string, intervalMs: number, log: WorkerLog): WorkerHeartbeat {
  let failing = false;
  let current: Promise<void> | undefined;
  const beat = () => {
    current ??= prisma.$executeRaw`
        INSERT INTO worker_heartbeats (worker_id) VALUES (${workerId})
        ON CONFLICT (worker_id) DO UPDATE SET beat_at = now()`
      .then(() => {
        if (failing) log.info("worker heartbeat: database reachable again");
        failing = false;
      })
      .catch((error: unknown) => {
        if (!failing) log.error(`worker heartbeat failed (${errorLine(error)}); retrying`);
        failing = true;
      })
      .finally(() => {
        current = undefined;
      });
    return current;
  };
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return {
    beat,
    async stop() {
      clearInterval(timer);
      await current;
      await prisma.workerHeartbeat.deleteMany({ where: { workerId } }).catch(() => undefined);
    },
  };
}
