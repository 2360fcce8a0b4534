import type { PrismaClient } from "@tenantpilot/db";
import type { QueueFacts } from "@tenantpilot/observability";

/** A worker counts as alive when some worker process reported within this long (3 of its beats). */
export const workerAliveWithinSeconds = 30;

export interface Readiness {
  database: "up" | "down";
  /** Seconds since any worker process last reported alive; null when none ever did (or the database is down). */
  workerHeartbeatAgeSeconds: number | null;
  ready: boolean;
}

/**
 * Ready = the database answers and a worker heartbeated recently (accepted starts will run).
 * Anonymous callers learn only alive/ready; the details need the metrics token (app.ts).
 */
export async function readiness(prisma: PrismaClient): Promise<Readiness> {
  try {
    const [row] = await prisma.$queryRaw<{ age: number | null }[]>`
      SELECT EXTRACT(EPOCH FROM now() - max(beat_at))::float8 AS age FROM worker_heartbeats`;
    const age = row?.age ?? null;
    return { database: "up", workerHeartbeatAgeSeconds: age, ready: age !== null && age <= workerAliveWithinSeconds };
  } catch {
    return { database: "down", workerHeartbeatAgeSeconds: null, ready: false };
  }
}

/** The queue gauges of /metrics, read in one statement at scrape time. */
export async function queueFacts(prisma: PrismaClient): Promise<QueueFacts> {
  const [row] = await prisma.$queryRaw<{ queued: number; oldest: number; lag: number; worker: number | null }[]>`
    SELECT (SELECT count(*) FROM operation_runs WHERE status = 'queued')::int AS queued,
           COALESCE((SELECT EXTRACT(EPOCH FROM now() - min(created_at)) FROM operation_runs WHERE status = 'queued'), 0)::float8 AS oldest,
           COALESCE((SELECT EXTRACT(EPOCH FROM now() - min(heartbeat_at)) FROM operation_runs WHERE status = 'running'), 0)::float8 AS lag,
           (SELECT EXTRACT(EPOCH FROM now() - max(beat_at)) FROM worker_heartbeats)::float8 AS worker`;
  return {
    queuedRuns: row?.queued ?? 0,
    oldestQueuedSeconds: row?.oldest ?? 0,
    heartbeatLagSeconds: row?.lag ?? 0,
    workerHeartbeatAgeSeconds: row?.worker ?? null,
  };
}
