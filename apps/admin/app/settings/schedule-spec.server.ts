import {
  TenantSelection,
  cadences,
  isBulkOperation,
  isOperationId,
  isReportKind,
  type BulkOperation,
  type Cadence,
  type TenantFilter,
} from "@tenantpilot/dispatch-gate/contract";
import type { FormProblem } from "../api/page-error";
import { formTrimmed } from "../api/form-field";

// A schedule form → the API's schedule spec. Only the choices the form offers are checked here
// (operation, report kind, cadence); the API validates the rest and names the field in its answer.

const text = formTrimmed;

export interface ScheduleSpecForm {
  name: string;
  cadence: Cadence;
  weekday?: number;
  time: string;
  selection: TenantSelection;
}

export type ParsedScheduleForm = { ok: true; spec: BulkOperation & ScheduleSpecForm } | { ok: false; problem: FormProblem };

const fieldProblem = (field: string, message: string): ParsedScheduleForm => ({
  ok: false,
  problem: { message: "Please correct the highlighted fields.", fieldErrors: { [field]: [message] } },
});

/** "Tenants": every tenant or a tag's, optionally only those ready for the operation now; a kept selection travels unchanged. */
function selectionOf(form: FormData, operation: BulkOperation): TenantSelection {
  const tenants = text(form, "tenants");
  if (tenants === "kept") return TenantSelection.parse(JSON.parse(text(form, "keptSelection")));
  const filter: TenantFilter = {};
  if (tenants.startsWith("tag:")) filter.tagId = tenants.slice("tag:".length);
  const status = text(form, "status");
  // The default schedule covers active tenants only; editing it keeps that.
  if (status === "active") filter.status = status;
  if (form.get("onlyReady") === "yes") filter.readiness = { ...operation, outcome: "ready" };
  return { kind: "filter", filter };
}

export function scheduleSpecFrom(form: FormData): ParsedScheduleForm {
  const operationId = text(form, "operation");
  if (!isOperationId(operationId) || !isBulkOperation(operationId)) return fieldProblem("operation", "choose an operation");
  const reportKind = text(form, "reportKind");
  let operation: BulkOperation;
  if (operationId === "report.generate") {
    if (!isReportKind(reportKind)) return fieldProblem("reportKind", "choose a report");
    operation = { operation: operationId, reportKind };
  } else {
    operation = { operation: operationId };
  }
  const cadence = cadences.find((candidate) => candidate === text(form, "cadence"));
  if (cadence === undefined) return fieldProblem("cadence", "choose daily or weekly");
  let selection: TenantSelection;
  try {
    selection = selectionOf(form, operation);
  } catch {
    return fieldProblem("selection", "choose the tenants");
  }
  return {
    ok: true,
    spec: {
      ...operation,
      name: text(form, "name"),
      cadence,
      ...(cadence === "weekly" ? { weekday: Number(text(form, "weekday")) } : {}),
      time: text(form, "time"),
      selection,
    },
  };
}
