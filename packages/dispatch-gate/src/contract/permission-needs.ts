import { operationCatalog, operationIds, type OperationId } from "./operations";
import type { GraphPermission } from "./permissions";
import { familyPermissions, isPolicyFamily, isReportKind, reportKindIds, reportKinds } from "./targets";

/** What of a start's target decides its permissions. */
export interface NeedTarget {
  /** report.generate: the report kind. */
  reportKind?: string;
  /** restore.execute: the policy families the backup set holds; absent → every family. */
  policyFamilies?: readonly string[];
}

/**
 * The Graph application permissions a start of `operation` on this target needs, from the
 * catalogue. An unknown report kind needs nothing here: preflight answers target_not_found for it.
 */
export function permissionsNeeded(operation: OperationId, target: NeedTarget = {}): GraphPermission[] {
  const need = operationCatalog[operation].permissions;
  switch (need.per) {
    case "operation":
      return [...need.permissions];
    case "policy_family": {
      const families = target.policyFamilies?.filter(isPolicyFamily);
      return familyPermissions(need.access, families === undefined || families.length === 0 ? undefined : (families));
    }
    case "report_kind":
      return target.reportKind !== undefined && isReportKind(target.reportKind) ? [...reportKinds[target.reportKind].permissions] : [];
  }
}

/** One thing a connection may be asked to do: an operation, on a report kind where that decides. */
export interface PermissionNeedEntry {
  /** "inventory.sync", "report.generate:device-compliance". */
  key: string;
  operation: OperationId;
  /** The report kind's label where the kind decides; null otherwise. */
  targetLabel: string | null;
  target: NeedTarget;
  permissions: GraphPermission[];
}

/**
 * Every operation that needs Graph permissions, per report kind where the kind decides: what a
 * connection check compares the granted permissions with, and what a connection page lists.
 * Family-based operations are listed once for every family (a restore's set may hold any).
 */
export const permissionNeeds: readonly PermissionNeedEntry[] = operationIds.flatMap((operation): PermissionNeedEntry[] => {
  if (operationCatalog[operation].verifiesConnection) return [];
  if (operationCatalog[operation].permissions.per === "report_kind") {
    return reportKindIds.map((kind) => ({
      key: `${operation}:${kind}`,
      operation,
      targetLabel: reportKinds[kind].label,
      target: { reportKind: kind },
      permissions: permissionsNeeded(operation, { reportKind: kind }),
    }));
  }
  return [{ key: operation, operation, targetLabel: null, target: {}, permissions: permissionsNeeded(operation) }];
});

/** Every permission some operation needs: what the consent prompt asks an administrator for. */
export const allNeededPermissions: readonly GraphPermission[] = [...new Set(permissionNeeds.flatMap((need) => need.permissions))];

/** permissionNeeds as need key → permissions: what the connection check compares a token's roles with. */
export const permissionsByNeed: Readonly<Record<string, readonly GraphPermission[]>> = Object.fromEntries(
  permissionNeeds.map((need) => [need.key, need.permissions]),
);
