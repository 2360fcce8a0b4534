import { queryHref } from "../lists/query-href";
import { activeRunStatuses, OperationIdSchema, RunStatusSchema, type OperationId, type RunStatus } from "@tenantpilot/dispatch-gate/contract";

/** The monitoring list's filters as they live in the URL (?tenant=&status=&operation=&cursor=). */
export interface RunFilters {
  tenant?: string;
  /** "active" is queued + running. */
  status?: RunStatus | "active";
  operation?: OperationId;
  cursor?: string;
}

export function runFiltersFrom(params: URLSearchParams): RunFilters {
  const tenant = params.get("tenant")?.trim();
  const status = params.get("status");
  const operation = OperationIdSchema.safeParse(params.get("operation"));
  const cursor = params.get("cursor");
  const parsedStatus = status === "active" ? "active" : RunStatusSchema.safeParse(status).data;
  return {
    ...(tenant ? { tenant } : {}),
    ...(parsedStatus ? { status: parsedStatus } : {}),
    ...(operation.success ? { operation: operation.data } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export const RUNS_PAGE_SIZE = 25;

/** The API input for the filters; the browser's live query uses the very same object. */
export function runListInput(filters: RunFilters) {
  return {
    ...(filters.tenant ? { tenant: filters.tenant } : {}),
    ...(filters.status ? { status: filters.status === "active" ? [...activeRunStatuses] : [filters.status] } : {}),
    ...(filters.operation ? { operation: filters.operation } : {}),
    ...(filters.cursor ? { cursor: filters.cursor } : {}),
    limit: RUNS_PAGE_SIZE,
  };
}

/** The list's URL with some filters changed (the cursor resets unless given). */
export function runListHref(filters: RunFilters, changes: Partial<RunFilters> = {}): string {
  const next: RunFilters = { ...filters, cursor: undefined, ...changes };
  return queryHref("/admin/operations", { tenant: next.tenant, status: next.status, operation: next.operation, cursor: next.cursor });
}
