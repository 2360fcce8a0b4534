import type { TaskList } from "graphile-worker";
import { operationCatalog } from "@tenantpilot/dispatch-gate";
import { operationTask } from "../execution/operation-task";
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

/**
 * One task per operation of the dispatch-gate catalogue (identifiers are its `taskIdentifier`s,
 * so a renamed identifier fails to compile here), plus the crontab's tasks (schedules tick, secret
 * expiry scan, housekeeping) and the webhook deliveries.
 */
export function createTaskList(deps: WorkerDeps): TaskList {
  return {
    [operationCatalog["inventory.sync"].taskIdentifier]: operationTask<"inventory_sync">(deps, "inventory.sync", syncInventory),
    [operationCatalog["backup.capture"].taskIdentifier]: operationTask<"backup_capture">(deps, "backup.capture", captureBackup),
    [operationCatalog["restore.execute"].taskIdentifier]: operationTask<"restore_execute">(deps, "restore.execute", executeRestore),
    [operationCatalog["directory.sync"].taskIdentifier]: operationTask<"directory_sync">(deps, "directory.sync", syncDirectory),
    [operationCatalog["report.generate"].taskIdentifier]: operationTask<"report_generate">(deps, "report.generate", generateReport),
    [operationCatalog["connection.check"].taskIdentifier]: operationTask<"connection_check">(deps, "connection.check", checkProviderConnection),
    schedules_tick: schedulesTickTask(deps),
    secret_expiry_scan: secretExpiryScanTask(deps),
    housekeeping: housekeepingTask(deps),
    webhook_deliver: webhookDeliverTask(deps),
  };
}
