import { operationCatalog, type OperationId } from "@tenantpilot/dispatch-gate/contract";

/** "Sync inventory for Contoso": the action's own label and its target, as every surface says it. */
export function operationOnTarget(operation: OperationId, targetLabel: string): string {
  return `${operationCatalog[operation].label} for ${targetLabel}`;
}

export function operationLabel(operation: OperationId): string {
  return operationCatalog[operation].label;
}
