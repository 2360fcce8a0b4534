import type { Task } from "graphile-worker";
import type { WorkerDeps } from "../execution/worker-deps";
import { raiseSecretExpiryWarnings } from "../warnings/secret-expiry-warnings";

/** The crontab's hourly scan: raises the client-secret expiry warnings that are due, one log line each. */
export function secretExpiryScanTask(deps: WorkerDeps): Task<"secret_expiry_scan"> {
  return async () => {
    for (const warning of await raiseSecretExpiryWarnings(deps.prisma)) {
      deps.log.info(`secret expiry: connection ${warning.connectionId} within ${warning.thresholdDays} days, ${warning.notified} notified`);
    }
  };
}
