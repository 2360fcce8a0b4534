import { Prisma } from "@tenantpilot/db";
import { ConnectionRef, isOperationId, operationCatalog, StartResult, type StartOutcome } from "../contract";
import { toRunRef } from "../run-ref";

/** A batch row joined with its run (`batch_entries i LEFT JOIN operation_runs r ON r.id = i.run_id`; ADR 036). */
export interface BatchItemRow {
  outcome: StartOutcome;
  result: unknown;
  run_id: string | null;
  run_operation: string | null;
  run_status: string | null;
  run_tenant_id: string | null;
  run_scope_key: string | null;
  run_connection: unknown;
}

/** The columns BatchItemRow needs, over `i` and `r`. */
export const batchItemColumns = Prisma.sql`
  i.outcome, i.result, r.id AS run_id, r.operation AS run_operation, r.status AS run_status,
  r.tenant_id AS run_tenant_id, r.scope_key AS run_scope_key, r.connection_snapshot AS run_connection`;

/**
 * A row's StartResult: blocked rows keep the answer as given; the others are told by their run — the
 * run it admitted (with the connection it was bound to), the run doing the same work, or the holder
 * of the scope — with the run's status as it is now.
 */
export function batchItemResult(row: BatchItemRow): StartResult {
  if (row.outcome === "blocked") return StartResult.parse(row.result);
  if (row.run_id === null || row.run_operation === null || row.run_status === null || !isOperationId(row.run_operation)) {
    throw new Error(`batch row (${row.outcome}) without its run`);
  }
  const run = toRunRef({ id: row.run_id, operation: row.run_operation, status: row.run_status });
  switch (row.outcome) {
    case "accepted":
      return { outcome: "accepted", run, connection: ConnectionRef.parse(row.run_connection) };
    case "deduped":
      return { outcome: "deduped", run };
    case "scope_busy":
      return {
        outcome: "scope_busy",
        scope: { tenantId: row.run_tenant_id ?? "", scopeKey: row.run_scope_key ?? "", label: operationCatalog[row.run_operation].scope.label },
        blockingRun: run,
      };
  }
}
