import { Prisma, type Db } from "@tenantpilot/db";
import type { RunRef } from "../contract";
import { toRunRef } from "../run-ref";
import { jobKeyFor, jobKeyScope } from "../scope";
import { terminate } from "./terminal-transition";

/** Default bound after which a silent run counts as lost (RUN_LOST_AFTER_MS). */
export const defaultRunLostAfterMs = 120_000;

interface LostCandidate {
  id: string;
  status: "queued" | "running";
  heartbeat_at: Date | null;
  tenant_id: string;
  scope_key: string;
}

/** A gate job some worker holds, by the tenant and scope its key names. */
interface LockedJob {
  tenantId: string;
  scopeKey: string;
  lockedBy: string;
  /** Locked since before the bound. */
  stale: boolean;
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
 * time, or that another reaper already failed, is left alone. Jobs are matched by their keys as
 * jobKeyFor writes them, passed to SQL as parameters: the key's format is written in one place.
 */
export async function failLostRuns(db: Db, options: { staleAfterMs: number }): Promise<{ failed: RunRef[] }> {
  const bound = Prisma.sql`now() - ${options.staleAfterMs}::int * interval '1 millisecond'`;
  // Locked jobs are at most as many as all workers' concurrency together.
  const lockedRows = await db.$queryRaw<{ key: string; locked_by: string; stale: boolean }[]>`
    SELECT key, locked_by, locked_at < ${bound} AS stale FROM graphile_worker.jobs WHERE key IS NOT NULL AND locked_by IS NOT NULL`;
  const locked = new Map<string, LockedJob>();
  for (const row of lockedRows) {
    const scope = jobKeyScope(row.key);
    if (scope) locked.set(row.key, { ...scope, lockedBy: row.locked_by, stale: row.stale });
  }
  const staleQueued = [...locked.values()].filter((job) => job.stale);
  const candidates = await db.$queryRaw<LostCandidate[]>`
    SELECT r.id, r.status, r.heartbeat_at, r.tenant_id, r.scope_key FROM operation_runs r
     WHERE r.status = 'running' AND r.heartbeat_at < ${bound}
    UNION ALL
    SELECT r.id, r.status, r.heartbeat_at, r.tenant_id, r.scope_key
      FROM operation_runs r
      JOIN unnest(${staleQueued.map((job) => job.tenantId)}::uuid[], ${staleQueued.map((job) => job.scopeKey)}::text[]) AS k(tenant_id, scope_key)
        ON k.tenant_id = r.tenant_id AND k.scope_key = r.scope_key
     WHERE r.status = 'queued'`;

  const failed: RunRef[] = [];
  const deadWorkers = new Set<string>();
  for (const candidate of candidates) {
    const running = candidate.status === "running";
    const jobKey = jobKeyFor(candidate.tenant_id, candidate.scope_key);
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
      condition: running ? Prisma.sql`r.heartbeat_at < ${bound}` : lockedJobOlderThan(jobKey, bound),
      removeJob: true,
    });
    if (result.ok) {
      failed.push(toRunRef(result.run));
      const holder = locked.get(jobKey)?.lockedBy;
      if (holder !== undefined) deadWorkers.add(holder);
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

/** The run's job (by its key) is held by a worker since before the bound. graphile_worker.jobs is the queue's public view. */
function lockedJobOlderThan(jobKey: string, bound: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.key = ${jobKey} AND j.locked_at < ${bound})`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
