import { isUniqueViolation } from "@tenantpilot/db";

export const ACTIVE_RUN_INDEX = "operation_runs_one_active_per_scope";

interface DriverAdapterCause {
  kind?: unknown;
  originalCode?: unknown;
  constraint?: { index?: unknown };
}

/**
 * True when an admission lost the race on the partial unique index. Raw queries surface it as
 * Prisma's P2010 ("raw query failed") wrapping the driver adapter's UniqueConstraintViolation,
 * which `isUniqueViolation` (P2002 / bare 23505) does not recognise, so both shapes are checked.
 */
export function isActiveRunConflict(error: unknown): boolean {
  if (isUniqueViolation(error, ACTIVE_RUN_INDEX)) return true;
  const known = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: DriverAdapterCause } } } | null;
  if (known?.code !== "P2010") return false;
  const cause = known.meta?.driverAdapterError?.cause;
  const unique = cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505";
  return unique && cause?.constraint?.index === ACTIVE_RUN_INDEX;
}
