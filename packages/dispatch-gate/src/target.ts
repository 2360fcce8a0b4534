import { operationCatalog, type OperationId, type TargetKind } from "./contract";

export interface OperationTarget {
  kind: TargetKind;
  id: string;
}

/**
 * The target a start acts on: the given one, or the tenant itself for tenant-wide operations.
 * Undefined when the operation needs an explicit target that was not given (preflight answers
 * target_not_found for it).
 */
export function resolveTarget(
  tenantId: string,
  operation: OperationId,
  target: OperationTarget | undefined,
): OperationTarget | undefined {
  if (target) return target;
  return operationCatalog[operation].targetKind === "tenant" ? { kind: "tenant", id: tenantId } : undefined;
}

export function sameTarget(a: { kind: string; id: string }, b: { kind: string; id: string }): boolean {
  return a.kind === b.kind && a.id === b.id;
}
