import { isReportKind, reportKinds } from "@tenantpilot/dispatch-gate/contract";

/** A run's target in operator words (ids of backup sets and connections are shortened). */
export function runTargetLabel(target: { kind: string; id: string }, tenantName: string): string {
  switch (target.kind) {
    case "tenant":
      return tenantName;
    case "report_kind":
      return isReportKind(target.id) ? reportKinds[target.id].label : target.id;
    case "backup_set":
      return `Backup set ${target.id.slice(0, 8)}`;
    case "provider_connection":
      return `Connection ${target.id.slice(0, 8)}`;
    default:
      return target.id;
  }
}
