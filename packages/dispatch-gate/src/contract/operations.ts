import { z } from "zod";
import type { Capability } from "./capabilities";

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

/** Reports an operator can generate; the id is the report_kind target id. */
export const reportKinds = {
  "device-compliance": { label: "Device compliance" },
  "policy-inventory": { label: "Policy inventory" },
} as const satisfies Record<string, { label: string }>;
export type ReportKind = keyof typeof reportKinds;
export const reportKindIds = Object.keys(reportKinds) as ReportKind[];

export function isReportKind(value: string): value is ReportKind {
  return Object.hasOwn(reportKinds, value);
}

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

export interface RetryPolicy {
  /** graphile-worker max_attempts and operation_runs.max_attempts. */
  maxAttempts: number;
  /** graphile-worker retries with exponential backoff (about exp(attempt) seconds); kept explicit for display. */
  backoff: "exponential";
}

export interface OperationDefinition {
  id: OperationId;
  label: string;
  /** Button wording, e.g. "Sync". */
  verb: string;
  targetKind: TargetKind;
  scope: ScopeDefinition;
  requiredCapability: Capability;
  /** Microsoft Graph application permissions the bound connection must have been granted. */
  requiredPermissions: readonly string[];
  /** graphile-worker task identifier. */
  taskIdentifier: string;
  retry: RetryPolicy;
  needsConnection: boolean;
  /**
   * "primary": the tenant's primary connection; "target": the provider connection that is the target
   * (connection.check verifies that very connection, so consent and permissions are what it checks,
   * not what it requires).
   */
  connectionBinding: "primary" | "target";
  /** Allowed while the tenant is still onboarding (verifying the connection is part of onboarding). */
  allowedDuringOnboarding: boolean;
  /** Admin consent must be granted before the start; false for the check that verifies consent. */
  requiresConsent: boolean;
}

export const operationCatalog = {
  "inventory.sync": {
    id: "inventory.sync",
    label: "Sync inventory",
    verb: "Sync",
    targetKind: "tenant",
    scope: scopes.policies,
    requiredCapability: "operations.start",
    requiredPermissions: ["DeviceManagementConfiguration.Read.All"],
    taskIdentifier: "inventory_sync",
    retry: { maxAttempts: 3, backoff: "exponential" },
    needsConnection: true,
    connectionBinding: "primary",
    allowedDuringOnboarding: false,
    requiresConsent: true,
  },
  "backup.capture": {
    id: "backup.capture",
    label: "Capture backup",
    verb: "Capture",
    targetKind: "tenant",
    scope: scopes.policies,
    requiredCapability: "operations.start",
    requiredPermissions: ["DeviceManagementConfiguration.Read.All"],
    taskIdentifier: "backup_capture",
    retry: { maxAttempts: 3, backoff: "exponential" },
    needsConnection: true,
    connectionBinding: "primary",
    allowedDuringOnboarding: false,
    requiresConsent: true,
  },
  "restore.execute": {
    id: "restore.execute",
    label: "Restore backup",
    verb: "Restore",
    targetKind: "backup_set",
    scope: scopes.policies,
    requiredCapability: "operations.restore",
    requiredPermissions: ["DeviceManagementConfiguration.ReadWrite.All"],
    taskIdentifier: "restore_execute",
    // A restore writes to the customer's tenant: never replay it automatically.
    retry: { maxAttempts: 1, backoff: "exponential" },
    needsConnection: true,
    connectionBinding: "primary",
    allowedDuringOnboarding: false,
    requiresConsent: true,
  },
  "directory.sync": {
    id: "directory.sync",
    label: "Sync directory",
    verb: "Sync",
    targetKind: "tenant",
    scope: scopes.directory,
    requiredCapability: "operations.start",
    requiredPermissions: ["Group.Read.All", "User.Read.All"],
    taskIdentifier: "directory_sync",
    retry: { maxAttempts: 3, backoff: "exponential" },
    needsConnection: true,
    connectionBinding: "primary",
    allowedDuringOnboarding: false,
    requiresConsent: true,
  },
  "report.generate": {
    id: "report.generate",
    label: "Generate report",
    verb: "Generate",
    targetKind: "report_kind",
    scope: scopes.reports,
    requiredCapability: "operations.start",
    requiredPermissions: ["DeviceManagementManagedDevices.Read.All"],
    taskIdentifier: "report_generate",
    retry: { maxAttempts: 3, backoff: "exponential" },
    needsConnection: true,
    connectionBinding: "primary",
    allowedDuringOnboarding: false,
    requiresConsent: true,
  },
  "connection.check": {
    id: "connection.check",
    label: "Check connection",
    verb: "Check",
    targetKind: "provider_connection",
    scope: scopes.connection,
    requiredCapability: "operations.start",
    requiredPermissions: [],
    taskIdentifier: "connection_check",
    retry: { maxAttempts: 2, backoff: "exponential" },
    needsConnection: true,
    connectionBinding: "target",
    allowedDuringOnboarding: true,
    requiresConsent: false,
  },
} as const satisfies Record<OperationId, OperationDefinition>;

export type TaskIdentifier = (typeof operationCatalog)[OperationId]["taskIdentifier"];

export function operationDefinition(operation: OperationId): OperationDefinition {
  return operationCatalog[operation];
}

export function isOperationId(value: string): value is OperationId {
  return (operationIds as readonly string[]).includes(value);
}
