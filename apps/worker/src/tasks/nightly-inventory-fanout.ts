import type { Task } from "graphile-worker";
import type { WorkerDeps } from "../execution/worker-deps";
import { describeFanOut, fanOutNightlyInventory } from "../scheduling/nightly-fanout";

/** The crontab's task: fans out, then leaves one summary line. */
export function nightlyInventoryFanoutTask(deps: WorkerDeps): Task<"nightly_inventory_fanout"> {
  return async () => {
    const summary = await fanOutNightlyInventory(deps.prisma);
    deps.log.info(describeFanOut(summary));
  };
}
