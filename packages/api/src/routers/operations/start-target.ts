import { z } from "zod";
import { operationCatalog, type OperationId } from "@tenantpilot/dispatch-gate/contract";
import type { OperationTarget } from "@tenantpilot/dispatch-gate";

/**
 * The id of what the operation acts on (a backup set for restore.execute, a report kind for
 * report.generate, a connection for connection.check); the kind comes from the catalogue.
 * Omitted for tenant-wide operations.
 */
export const TargetId = z.string().trim().min(1).max(200);

/** The tenant's short name, typed to confirm a write to the customer's tenant (the gate compares it). */
export const ConfirmTenant = z.string().max(200);

export function startTarget(operation: OperationId, target: string | undefined): OperationTarget | undefined {
  return target === undefined ? undefined : { kind: operationCatalog[operation].targetKind, id: target };
}
