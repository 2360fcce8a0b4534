import type { Task } from "graphile-worker";
import { makeWorkerUtils } from "graphile-worker";
import { createSessions, deleteExpiredLoginThrottles } from "@tenantpilot/auth";
import type { WorkerDeps } from "../execution/worker-deps";

export interface HousekeepingSummary {
  loginThrottles: number;
}

/**
 * What nothing else removes: expired sessions, stale login-throttle windows, heartbeat rows of
 * worker processes that died, and permanently
 * failed jobs (the reaper leaves a dead worker's job failed, never to run again, until this).
 * Task identifiers are not collected: that is only safe while no worker runs.
 */
export async function runHousekeeping(deps: Pick<WorkerDeps, "prisma" | "databaseUrl">): Promise<HousekeepingSummary> {
  await createSessions(deps.prisma).deleteExpiredSessions();
  const loginThrottles = await deleteExpiredLoginThrottles(deps.prisma);
  // Rows of worker processes that died without an orderly stop (a live one beats every few seconds).
  await deps.prisma.$executeRaw`DELETE FROM worker_heartbeats WHERE beat_at < now() - interval '1 day'`;
  const utils = await makeWorkerUtils({ connectionString: deps.databaseUrl });
  try {
    await utils.cleanup({ tasks: ["DELETE_PERMAFAILED_JOBS", "GC_JOB_QUEUES"] });
  } finally {
    await utils.release();
  }
  return { loginThrottles };
}

export function housekeepingTask(deps: WorkerDeps): Task<"housekeeping"> {
  return async () => {
    const summary = await runHousekeeping(deps);
    deps.log.info(`housekeeping: expired sessions and ${summary.loginThrottles} login-throttle windows removed, permanently failed jobs cleaned`);
  };
}
