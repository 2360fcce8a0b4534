import type { Task } from "graphile-worker";
import type { WorkerDeps } from "../execution/worker-deps";
import { describeFiring, fireDueSchedules } from "../scheduling/fire-schedules";

/** The crontab's minute: fires the due schedules, one log line each. */
export function schedulesTickTask(deps: WorkerDeps): Task<"schedules_tick"> {
  return async () => {
    for (const firing of await fireDueSchedules(deps.prisma)) deps.log.info(describeFiring(firing));
  };
}
