import { operationCatalog, type OperationId } from "./contract";
import type { OperationTarget } from "./target";

export interface Scope {
  key: string;
  label: string;
}

/** The protected scope a start on this target would hold (see the operation catalogue). */
export function scopeFor(operation: OperationId, target: OperationTarget): Scope {
  const { scope } = operationCatalog[operation];
  return { key: scope.key(target.id), label: scope.label };
}

/**
 * graphile-worker job key: per tenant and scope, so a job of a finished run that is still
 * waiting in the queue is replaced rather than duplicated. It is NOT the admission lock —
 * the partial unique index operation_runs_one_active_per_scope is (ADR 003).
 */
export function jobKeyFor(tenantId: string, scopeKey: string): string {
  return `run:${tenantId}:${scopeKey}`;
}

/** The tenant and scope a gate job's key names; null for any other job's key (cron, housekeeping). */
export function jobKeyScope(key: string): { tenantId: string; scopeKey: string } | null {
  const parts = /^run:([^:]+):(.+)$/.exec(key);
  return parts?.[1] === undefined || parts[2] === undefined ? null : { tenantId: parts[1], scopeKey: parts[2] };
}
