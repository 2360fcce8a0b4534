/** graphile-worker crontab (UTC): the nightly inventory fan-out at 02:00, housekeeping at 03:30. */
export const workerCrontab = ["0 2 * * * nightly_inventory_fanout", "30 3 * * * housekeeping"].join("\n");

/** The cron task's payload: graphile-worker adds `_cron` with the tick it stands for. */
export interface CronPayload {
  _cron?: { ts: string; backfilled?: boolean };
}

declare global {
  // graphile-worker's documented extension point is a global namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace GraphileWorker {
    interface Tasks {
      nightly_inventory_fanout: CronPayload;
      housekeeping: CronPayload;
    }
  }
}
