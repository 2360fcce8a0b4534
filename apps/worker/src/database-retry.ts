import { setTimeout as sleep } from "node:timers/promises";
import { isDatabaseUnavailable } from "@tenantpilot/db";
import type { WorkerLog } from "./worker-log";

/**
 * Runs a database write of a run (progress, the terminal transition, a retry record) and, while
 * the database is unreachable, tries it again with backoff instead of giving up on the run — a
 * run in flight during an outage then ends honestly once the database is back. Gives up (throws)
 * after `withinMs`: by then the reaper's bound has passed, and the reaper ends the run as
 * worker_lost. Any other error is thrown at once.
 */
export async function untilDatabaseAnswers<T>(what: string, write: () => Promise<T>, options: { withinMs: number; log: WorkerLog }): Promise<T> {
  const deadline = Date.now() + options.withinMs;
  let delay = 250;
  let told = false;
  for (;;) {
    try {
      const result = await write();
      if (told) options.log.info(`${what}: database reachable again, written`);
      return result;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + delay > deadline) throw error;
      if (!told) options.log.error(`${what}: database unavailable, retrying until it answers`);
      told = true;
      await sleep(delay);
      delay = Math.min(delay * 2, 5_000);
    }
  }
}
