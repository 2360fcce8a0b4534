import { bulkOperationIds, operationCatalog, reportKindIds, type BulkOperation } from "@tenantpilot/dispatch-gate/contract";

/**
 * The operations whose readiness the tenants list reports by default: every operation that has a
 * bulk form, report.generate once per report (its permissions differ by report).
 */
export const listedOperations: readonly BulkOperation[] = bulkOperationIds.flatMap((operation) =>
  operationCatalog[operation].targetKind === "report_kind" ? reportKindIds.map((reportKind) => ({ operation, reportKind })) : [{ operation }],
);
