/**
 * graphile-worker crontab (UTC): the schedules tick every minute (graphile-worker enqueues each tick
 * once, however many workers run), the client-secret expiry scan every hour, housekeeping at 03:30.
 * What the tick fires — the workspaces' schedules, the nightly inventory sync among them — lives in
 * the database (ADR 019).
 */
export const workerCrontab = ["* * * * * schedules_tick", "7 * * * * secret_expiry_scan", "30 3 * * * housekeeping"].join("\n");

/** The cron task's payload: graphile-worker adds `_cron` with the tick it stands for. */
export interface CronPayload {
  _cron?: { ts: string; backfilled?: boolean };
}

declare global {
  // graphile-worker's documented extension point is a global namespace.
  namespace GraphileWorker {
    interface Tasks {
      schedules_tick: CronPayload;
      secret_expiry_scan: CronPayload;
      housekeeping: CronPayload;
    }
  }
}
