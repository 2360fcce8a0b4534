import { bulkOperationIds, operationCatalog, reportKindIds, type BulkOperation } from "@tenantpilot/dispatch-gate/contract";
import { operationWords } from "../tenants/home-rows";

// A bulk start's operation as one form field: "inventory.sync", or "report.generate:device-compliance"
// for an operation that names its report kind.

const separator = ":";

/** Every bulk operation as a choice of the bulk form, report kinds spelled out. */
export const bulkChoices: readonly { value: string; label: string }[] = bulkOperationIds.flatMap((operation) =>
  operationCatalog[operation].targetKind === "report_kind"
    ? reportKindIds.map((reportKind) => ({ value: `${operation}${separator}${reportKind}`, label: operationWords({ operation, reportKind }) }))
    : [{ value: operation, label: operationWords({ operation }) }],
);

export function bulkChoiceValue(what: BulkOperation): string {
  return what.reportKind === undefined ? what.operation : `${what.operation}${separator}${what.reportKind}`;
}

/** The choice a form sent, or null for anything the form does not offer. */
export function readBulkChoice(value: FormDataEntryValue | string | null): BulkOperation | null {
  const [operation, reportKind] = (typeof value === "string" ? value : "").split(separator);
  const known = bulkOperationIds.find((candidate) => candidate === operation);
  if (known === undefined) return null;
  const kind = reportKindIds.find((candidate) => candidate === reportKind);
  const what: BulkOperation = kind === undefined ? { operation: known } : { operation: known, reportKind: kind };
  return bulkChoices.some((choice) => choice.value === bulkChoiceValue(what)) ? what : null;
}
