import { graphPermissions, type GraphPermission } from "./permissions";

// The targets whose kind decides which Graph permissions a start needs: each Intune policy family
// (what inventory, backup and restore read or write) and each report kind. The permission each
// one needs is the least privileged one Microsoft lists for the calls it makes (see permissions.ts).

export interface PolicyFamilyDefinition {
  label: string;
  /** Listing and reading the family's policies. */
  read: GraphPermission;
  /** Creating and updating them (restore). */
  write: GraphPermission;
}

/** Intune policy families; the ids are provider-graph's policy types. */
export const policyFamilies = {
  deviceConfiguration: {
    label: "Device configuration",
    read: graphPermissions.deviceConfigurationRead,
    write: graphPermissions.deviceConfigurationReadWrite,
  },
  compliancePolicy: {
    label: "Compliance policy",
    read: graphPermissions.deviceConfigurationRead,
    write: graphPermissions.deviceConfigurationReadWrite,
  },
  settingsCatalog: {
    label: "Settings catalog policy",
    read: graphPermissions.deviceConfigurationRead,
    write: graphPermissions.deviceConfigurationReadWrite,
  },
} as const satisfies Record<string, PolicyFamilyDefinition>;
export type PolicyFamily = keyof typeof policyFamilies;
export const policyFamilyIds = Object.keys(policyFamilies) as PolicyFamily[];

export function isPolicyFamily(value: string): value is PolicyFamily {
  return Object.hasOwn(policyFamilies, value);
}

/** What reading (or writing) the given families needs, each permission once. */
export function familyPermissions(access: "read" | "write", families: readonly PolicyFamily[] = policyFamilyIds): GraphPermission[] {
  return [...new Set(families.map((family) => policyFamilies[family][access]))];
}

export interface ReportKindDefinition {
  label: string;
  /** What the report reads from Graph. */
  permissions: readonly GraphPermission[];
}

/** Reports an operator can generate; the id is the report_kind target id. */
export const reportKinds = {
  "device-compliance": { label: "Device compliance", permissions: [graphPermissions.managedDevicesRead] },
  // Lists every policy family.
  "policy-inventory": { label: "Policy inventory", permissions: familyPermissions("read") },
} as const satisfies Record<string, ReportKindDefinition>;
export type ReportKind = keyof typeof reportKinds;
export const reportKindIds = Object.keys(reportKinds) as ReportKind[];

export function isReportKind(value: string): value is ReportKind {
  return Object.hasOwn(reportKinds, value);
}

/**
 * How an operation's Graph permissions are stated: once for the operation, per policy family it
 * reads or writes, or per report kind (the target).
 */
export type PermissionNeed =
  | { per: "operation"; permissions: readonly GraphPermission[] }
  | { per: "policy_family"; access: "read" | "write" }
  | { per: "report_kind" };
