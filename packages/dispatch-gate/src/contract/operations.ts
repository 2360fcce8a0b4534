import { z } from "zod";
import type { Capability } from "./capabilities";
import { graphPermissions, type GraphPermission } from "./permissions";
import type { PermissionNeed } from "./targets";

export const operationIds = [
  "inventory.sync",
  "backup.capture",
  "restore.execute",
  "directory.sync",
  "report.generate",
  "connection.check",
] as const;
export type OperationId = (typeof operationIds)[number];
export const OperationIdSchema = z.enum(operationIds);

export const targetKinds = ["tenant", "backup_set", "report_kind", "provider_connection"] as const;
export type TargetKind = (typeof targetKinds)[number];
export const TargetKindSchema = z.enum(targetKinds);

/**
 * A protected scope: at most one queued/running run per (tenant, scope key). Operations sharing
 * a scope exclude each other (scope_busy); the same operation on the same target dedupes.
 */
export interface ScopeDefinition {
  /** Builds the scope key from the target id (only connection scopes depend on it). */
  key(targetId: string): string;
  label: string;
}

export const scopeNames = ["policies", "directory", "reports", "connection"] as const;
export type ScopeName = (typeof scopeNames)[number];

export const scopes: Readonly<Record<ScopeName, ScopeDefinition>> = {
  policies: { key: () => "policies", label: "Intune policies" },
  directory: { key: () => "directory", label: "Directory" },
  reports: { key: () => "reports", label: "Reports" },
  connection: { key: (connectionId) => `connection:${connectionId}`, label: "Provider connection" },
};

/**
 * One definition per operation id, keyed by its own id. The catalogue `satisfies` this for every
 * OperationId, so an id without its definition (its words, scope, task, permissions) fails tsc.
 */
export type OperationCatalogFor<Id extends string> = { [K in Id]: OperationDefinition & { id: K } };

export interface OperationDefinition {
  id: OperationId;
  label: string;
  /** Button wording, e.g. "Sync". */
  verb: string;
  /** One line under each start button: what the operation does in the customer's tenant. */
  purpose: string;
  targetKind: TargetKind;
  scope: ScopeDefinition;
  requiredCapability: Capability;
  /**
   * The Microsoft Graph application permissions the bound connection must hold: for the operation
   * as a whole, per policy family, or per report kind (see permissionsNeeded).
   */
  permissions: PermissionNeed;
  /** graphile-worker task identifier. */
  taskIdentifier: string;
  /**
   * Attempts of one run (operation_runs.max_attempts and the job's max_attempts): transient provider
   * failures are retried inside the run by the worker, with the pause apps/worker's retry-delay sets.
   */
  maxAttempts: number;
  /**
   * "primary": the tenant's primary connection; "target": the provider connection that is the target
   * (connection.check verifies that very connection, so consent and permissions are what it checks,
   * not what it requires).
   */
  connectionBinding: "primary" | "target";
  /**
   * While the tenant is still onboarding: "allowed" (verifying the connection is part of
   * onboarding), "first_sync" (only as the wizard's first sync, which activates the tenant once
   * the gate accepted it) or "refused".
   */
  duringOnboarding: "allowed" | "first_sync" | "refused";
  /**
   * The operation that asks Microsoft what the connection may do (connection.check): admin
   * consent and the provider's last word do not block it, because it is how they are learned and
   * cleared (ADR 012).
   */
  verifiesConnection: boolean;
  /**
   * Writes to the customer's tenant: every start, first or retry, must carry the tenant's short
   * name as confirmation, checked by the gate (ADR 011).
   */
  confirmTenant: boolean;
  /**
   * What of its target a start may select (ADR 025): "backup_items" — a restore writes only the
   * backup set's policies the start request names; "none" — the whole target, always.
   */
  selects: "backup_items" | "none";
}

// Users and groups, each with its own least privileged read permission (Directory.Read.All covers both).
const directoryPermissions: readonly GraphPermission[] = [graphPermissions.groupRead, graphPermissions.userRead];

export const operationCatalog = {
  "inventory.sync": {
    id: "inventory.sync",
    label: "Sync inventory",
    verb: "Sync",
    purpose: "Reads every Intune configuration, compliance and settings-catalog policy into the inventory.",
    targetKind: "tenant",
    scope: scopes.policies,
    requiredCapability: "operations.start",
    permissions: { per: "policy_family", access: "read" },
    taskIdentifier: "inventory_sync",
    maxAttempts: 3,
    connectionBinding: "primary",
    duringOnboarding: "first_sync",
    verifiesConnection: false,
    confirmTenant: false,
    selects: "none",
  },
  "backup.capture": {
    id: "backup.capture",
    label: "Capture backup",
    verb: "Capture",
    purpose: "Captures the full content of every Intune policy into a new backup set.",
    targetKind: "tenant",
    scope: scopes.policies,
    requiredCapability: "operations.start",
    permissions: { per: "policy_family", access: "read" },
    taskIdentifier: "backup_capture",
    maxAttempts: 3,
    connectionBinding: "primary",
    duringOnboarding: "refused",
    verifiesConnection: false,
    confirmTenant: false,
    selects: "none",
  },
  "restore.execute": {
    id: "restore.execute",
    label: "Restore backup",
    verb: "Restore",
    purpose: "Writes the policies of a backup set back to the tenant.",
    targetKind: "backup_set",
    scope: scopes.policies,
    requiredCapability: "operations.restore",
    permissions: { per: "policy_family", access: "write" },
    taskIdentifier: "restore_execute",
    // A restore writes to the customer's tenant: never replay it automatically.
    maxAttempts: 1,
    connectionBinding: "primary",
    duringOnboarding: "refused",
    verifiesConnection: false,
    confirmTenant: true,
    selects: "backup_items",
  },
  "directory.sync": {
    id: "directory.sync",
    label: "Sync directory",
    verb: "Sync",
    purpose: "Reads users and groups from Microsoft Entra ID.",
    targetKind: "tenant",
    scope: scopes.directory,
    requiredCapability: "operations.start",
    permissions: { per: "operation", permissions: directoryPermissions },
    taskIdentifier: "directory_sync",
    maxAttempts: 3,
    connectionBinding: "primary",
    duringOnboarding: "refused",
    verifiesConnection: false,
    confirmTenant: false,
    selects: "none",
  },
  "report.generate": {
    id: "report.generate",
    label: "Generate report",
    verb: "Generate",
    purpose: "Builds a report from the tenant's current data.",
    targetKind: "report_kind",
    scope: scopes.reports,
    requiredCapability: "operations.start",
    permissions: { per: "report_kind" },
    taskIdentifier: "report_generate",
    maxAttempts: 3,
    connectionBinding: "primary",
    duringOnboarding: "refused",
    verifiesConnection: false,
    confirmTenant: false,
    selects: "none",
  },
  "connection.check": {
    id: "connection.check",
    label: "Check connection",
    verb: "Check",
    purpose: "Requests a token and reads the granted permissions and consent of the connection.",
    targetKind: "provider_connection",
    scope: scopes.connection,
    requiredCapability: "operations.start",
    permissions: { per: "operation", permissions: [] },
    taskIdentifier: "connection_check",
    maxAttempts: 2,
    connectionBinding: "target",
    duringOnboarding: "allowed",
    verifiesConnection: true,
    confirmTenant: false,
    selects: "none",
  },
} as const satisfies OperationCatalogFor<OperationId>;

export type TaskIdentifier = (typeof operationCatalog)[OperationId]["taskIdentifier"];

export function isOperationId(value: string): value is OperationId {
  return (operationIds as readonly string[]).includes(value);
}
