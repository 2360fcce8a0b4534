// Type test, checked by `tsc -p apps/worker` (part of `npm test`): an operation added to the
// catalogue must come with its definition (words, scope, task identifier, permissions), its
// worker task and its graphile typing; a reason with its description. Each table below is typed
// for the catalogue's ids plus one new id, and must fail to compile until it covers that id too.
import {
  operationCatalog,
  reasonCatalog,
  type OperationCatalogFor,
  type OperationId,
  type OperationTasks,
  type ReasonCatalogFor,
  type ReasonCode,
} from "@tenantpilot/dispatch-gate";
import { operationWork, type OperationWorkFor } from "../src/tasks/index";

type WithNewOperation = OperationId | "tenant.delete";
type WithNewReason = ReasonCode | "tenant_deleted";

// Today's tables cover today's ids.
export const catalogue: OperationCatalogFor<OperationId> = operationCatalog;
export const work: OperationWorkFor<OperationId> = operationWork;
export const reasons: ReasonCatalogFor<ReasonCode> = reasonCatalog;
export const payload: GraphileWorker.Tasks["inventory_sync"] = { runId: "7a0c3c2e-2f5d-4c53-9a8e-1d2b3c4d5e6f" };

// @ts-expect-error a new operation without its catalogue entry: no label, verb, purpose, scope or task identifier.
export const catalogueWithNew: OperationCatalogFor<WithNewOperation> = operationCatalog;

// @ts-expect-error a new operation without its worker task.
export const workWithNew: OperationWorkFor<WithNewOperation> = operationWork;

// @ts-expect-error graphile-worker's task typings are the catalogue's task identifiers: nothing declares tenant_delete.
export const newTaskPayload: OperationTasks["tenant_delete"] = { runId: "7a0c3c2e-2f5d-4c53-9a8e-1d2b3c4d5e6f" };

// @ts-expect-error a new reason without its description (sentence, next step, route).
export const reasonsWithNew: ReasonCatalogFor<WithNewReason> = reasonCatalog;
