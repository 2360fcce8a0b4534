// Server entry: the contract plus everything that touches the database. Browser code imports
// "@tenantpilot/dispatch-gate/contract" instead.
export * from "./contract/index";
export { startOperation, previewStart } from "./start-operation";
export { decideStart, type StartDecision } from "./decision";
export {
  loadPreflightContext,
  contextQueryOf,
  startContextCall,
  startContextCallFrom,
  contextArgumentsOf,
  contextArgumentColumns,
  TenantNotFoundError,
  type ContextArguments,
  type ContextQuery,
  type ContextRow,
  type StartContextRead,
  type PreflightContext,
  type StartInput,
  type ActiveRunFacts,
  type TargetFacts,
} from "./preflight-context";
export { loadConnectionFacts, type ConnectionFacts, type ProviderLastWord } from "./connection-facts";
export { ConfirmationRequired, confirmsTenant } from "./confirmation";
export { SelectionRejected, checkSelection } from "./selection-check";
export {
  preflightRules,
  runPreflight,
  judgeConnection,
  needTargetOf,
  type PreflightRule,
  type PreflightFailure,
  type ConnectionJudgement,
} from "./preflight";
export { connectionVerdicts, type ConnectionVerdict } from "./connection-verdicts";
export { admitRun, AdmissionError, type Admission, type AdmissionPlan, type ScopeHolder } from "./admission";
export { observeGate, type GateEvent, type GateObserver } from "./observation";
export { ACTIVE_RUN_INDEX, isActiveRunConflict } from "./active-run-conflict";
export { recordAudit } from "./audit";
export { scopeFor, jobKeyFor, type Scope } from "./scope";
export { resolveTarget, sameTarget, type OperationTarget } from "./target";
export { toRunRef, runStatusOf, type RunRow } from "./run-ref";
export { RunJobPayload, type OperationTasks } from "./worker-tasks";
export * from "./lifecycle/index";
export { loadPreflightContexts } from "./bulk/contexts";
export { bulkStartInputs } from "./bulk/bulk-inputs";
export { previewAll, previewMany, type PreviewManyInput } from "./bulk/preview-many";
export { startMany, type StartManyInput } from "./bulk/start-many";
export { readBatchResult } from "./bulk/batch-record";
export { batchItemColumns, batchItemResult, type BatchItemRow } from "./bulk/batch-item-result";
export { batchCounts, batchSnapshot, batchWatchSet, type BatchSnapshotRead } from "./bulk/batch-counts";
export { BATCH_JOB_PRIORITY } from "./bulk/admit-runs";
export { notifyFinishedBatches } from "./lifecycle/batch-notification";
export { readinessGroups, readinessRollup, type ReadinessGroup } from "./bulk/readiness-groups";
export { selectTenants, selectTenantIds, resolveSelection, cursorAfter, matchesReadiness, type TenantScope, type SelectedTenant, type TenantQuery } from "./selection/tenant-selection";
export { failedRecently, hasFailedRecently, secretInWindow, hasSecretInWindow } from "./selection/attention";
export { encodeTenantCursor, decodeTenantCursor, tenantOrders, type TenantOrder, type TenantCursor } from "./selection/tenant-cursor";
