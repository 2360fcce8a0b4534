import { isUniqueViolation } from "@tenantpilot/db";

export const ACTIVE_RUN_INDEX = "operation_runs_one_active_per_scope";

/** True when an admission lost the race on the partial unique index (any error shape, see isUniqueViolation). */
export function isActiveRunConflict(error: unknown): boolean {
  return isUniqueViolation(error, ACTIVE_RUN_INDEX);
}
