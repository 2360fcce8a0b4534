import { Prisma, type Db } from "@tenantpilot/db";
import type { RunRef } from "../contract";
import { toRunRef } from "../run-ref";
import { terminate } from "./terminal-transition";

/** Default bound after which a silent run counts as lost (RUN_LOST_AFTER_MS). */
export const defaultRunLostAfterMs = 120_000;

interface LostCandidate {
  id: string;
  status: "queued" | "running";
  heartbeat_at: Date | null;
  /** The graphile-worker (pool) holding the run's job, if one does. */
  locked_by: string | null;
}

/**
 * The reaper: fails as worker_lost every run whose worker has evidently died, freeing its scope,
 * and takes its graphile-worker job out of the queue's hands so that it is NOT retried when the
 * job's stale lock expires (graphile-worker's own 4-hour rule). Two kinds of lost run:
 * - running, with a heartbeat older than `staleAfterMs` (the worker stopped beating);
 * - queued, while its job has been locked by a worker for longer than `staleAfterMs` (the worker
 *   took the job and died before claiming the run — startRun is the first thing a task does).
 * Times are the database's. Safe to run from every worker process at once: each failure is a
 * conditional transition that re-checks staleness under the row lock, so a run that beat just in
 * time, or that another reaper already failed, is left alone.
 */
export async function failLostRuns(db: Db, options: { staleAfterMs: number }): Promise<{ failed: RunRef[] }> {
  const bound = Prisma.sql`now() - ${options.staleAfterMs}::int * interval '1 millisecond'`;
  const candidates = await db.$queryRaw<LostCandidate[]>`
    SELECT c.id, c.status, c.heartbeat_at, j.locked_by
      FROM (SELECT r.id, r.status, r.heartbeat_at, r.tenant_id, r.scope_key FROM operation_runs r
             WHERE r.status = 'running' AND r.heartbeat_at < ${bound}
            UNION ALL
            SELECT r.id, r.status, r.heartbeat_at, r.tenant_id, r.scope_key FROM operation_runs r
             WHERE r.status = 'queued' AND ${lockedJobOlderThan(bound)}) c
      LEFT JOIN LATERAL (
            SELECT j.locked_by FROM graphile_worker.jobs j
             WHERE j.key = 'run:' || c.tenant_id::text || ':' || c.scope_key AND j.locked_by IS NOT NULL
             LIMIT 1) j ON true`;

  const failed: RunRef[] = [];
  const deadWorkers = new Set<string>();
  for (const candidate of candidates) {
    const running = candidate.status === "running";
    const detail = running
      ? `No heartbeat from the worker since ${candidate.heartbeat_at?.toISOString() ?? "the start"} (bound ${seconds(options.staleAfterMs)}).`
      : `A worker took the job but never started the run (bound ${seconds(options.staleAfterMs)}).`;
    const result = await terminate(db, candidate.id, {
      from: [candidate.status],
      to: "failed",
      reasonCode: "worker_lost",
      reasonDetail: detail,
      diagnostics: {
        lost: { detectedAt: new Date().toISOString(), boundMs: options.staleAfterMs, lastHeartbeatAt: candidate.heartbeat_at?.toISOString() ?? null },
      },
      condition: running ? Prisma.sql`r.heartbeat_at < ${bound}` : lockedJobOlderThan(bound),
      removeJob: true,
    });
    if (result.ok) {
      failed.push(toRunRef(result.run));
      if (candidate.locked_by !== null) deadWorkers.add(candidate.locked_by);
    }
  }
  if (deadWorkers.size > 0) {
    // The dead worker also holds the named queue of a batch job (one job per queue at a time, ADR
    // 018): without this, that queue would stay locked for graphile-worker's 4 hours. The lost job
    // itself was taken out of attempts above, so unlocking does not run it again.
    await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${[...deadWorkers]}::text[])`;
  }
  return { failed };
}

/**
 * The run's job (found by its key: dispatch-gate jobKeyFor, `run:<tenant>:<scope>`) is held by a
 * worker since before the bound. graphile_worker.jobs is the queue's public view.
 */
function lockedJobOlderThan(bound: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM graphile_worker.jobs j
     WHERE j.key = 'run:' || r.tenant_id::text || ':' || r.scope_key
       AND j.locked_at < ${bound})`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
