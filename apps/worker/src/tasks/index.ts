import type { Task, TaskList } from "graphile-worker";
import { operationCatalog, operationIds, type OperationId, type TaskIdentifier } from "@tenantpilot/dispatch-gate";
import { operationTask } from "../execution/operation-task";
import type { RunWork } from "../execution/run-context";
import type { WorkerDeps } from "../execution/worker-deps";
import { captureBackup } from "./backup-capture";
import { checkProviderConnection } from "./connection-check";
import { syncDirectory } from "./directory-sync";
import { syncInventory } from "./inventory-sync";
import { housekeepingTask } from "./housekeeping";
import { schedulesTickTask } from "./schedules-tick";
import { secretExpiryScanTask } from "./secret-expiry-scan";
import { webhookDeliverTask } from "./webhook-deliver";
import { generateReport } from "./report-generate";
import { executeRestore } from "./restore-execute";

/** The work of each operation, for every operation id. */
export type OperationWorkFor<Id extends string> = { [K in Id]: RunWork };

/**
 * What each operation of the catalogue does. An operation added to the catalogue without its work
 * here fails tsc (the table `satisfies` every OperationId); its graphile task identifier and payload
 * typing come from the catalogue (dispatch-gate worker-tasks.ts). Beside them: the crontab's tasks
 * (schedules tick, secret expiry scan, housekeeping) and the webhook deliveries.
 */
export const operationWork = {
  "inventory.sync": syncInventory,
  "backup.capture": captureBackup,
  "restore.execute": executeRestore,
  "directory.sync": syncDirectory,
  "report.generate": generateReport,
  "connection.check": checkProviderConnection,
} as const satisfies OperationWorkFor<OperationId>;

/** One graphile-worker task per operation, under the catalogue's task identifier, plus the crontab's tasks. */
export function createTaskList(deps: WorkerDeps): TaskList {
  // Object.fromEntries forgets its keys: they are exactly the catalogue's task identifiers.
  const operations = Object.fromEntries(
    operationIds.map((operation) => [operationCatalog[operation].taskIdentifier, operationTask(deps, operation, operationWork[operation])]),
  ) as { [K in TaskIdentifier]: Task<K> };
  return {
    ...operations,
    schedules_tick: schedulesTickTask(deps),
    secret_expiry_scan: secretExpiryScanTask(deps),
    housekeeping: housekeepingTask(deps),
    webhook_deliver: webhookDeliverTask(deps),
  };
}
