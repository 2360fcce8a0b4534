import type { OperationId } from "./contract";

/**
 * A start of an operation that writes to the customer's tenant arrived without the operator's
 * confirmation (the tenant's short name). Not an outcome: the request itself is incomplete, so the
 * API answers it as bad input on `confirmTenant`, and nothing is admitted or audited.
 */
export class ConfirmationRequired extends Error {
  constructor(
    readonly operation: OperationId,
    readonly tenantSlug: string,
  ) {
    super(`${operation} writes to tenant ${tenantSlug}: confirm it with the tenant's short name`);
    this.name = "ConfirmationRequired";
  }
}

/** Whether the typed confirmation names this tenant (short names are lowercase; surrounding spaces are forgiven). */
export function confirmsTenant(typed: string | undefined, tenantSlug: string): boolean {
  return typed !== undefined && typed.trim().toLowerCase() === tenantSlug;
}
