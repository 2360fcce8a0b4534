export { collectPages, createGraphClient, defaultAuthorityHost, defaultGraphBaseUrl } from "./client/graph-client";
export type { GraphClient, GraphClientOptions, GraphList, GraphListOptions, GraphRequestOptions } from "./client/graph-client";
export { graphVersions, isGraphVersion, type GraphQuery, type GraphVersion } from "./client/graph-urls";
export type { RequestDiagnostic } from "./client/request-diagnostics";
export { defaultRetryOptions, parseRetryAfter, retryDelay, type RetryOptions, type RetryDecision } from "./client/retry-policy";
export { ConfidentialAppCache, defaultAppCache } from "./auth/confidential-app-cache";
export type { AccessToken } from "./auth/connection-token-source";
export type { FetchLike } from "./auth/fetch-network-module";
export { decodeJwtClaims, rolesOf, type AccessTokenClaims } from "./auth/jwt-claims";
export { ProviderError, isProviderError, type ProviderErrorDetails, type ProviderReason } from "./errors/provider-error";
export { providerErrorFromTokenFailure } from "./errors/token-error-mapping";
export { providerErrorFromGraphFailure, type GraphFailure } from "./errors/graph-error-mapping";
export { checkConnection, type ConnectionCheckResult, type RequiredPermissionsByOperation } from "./connection-check";
export {
  graphPermissions,
  allGraphPermissions,
  grantsPermission,
  missingPermissions,
  acceptedPermissions,
  permissionForEndpoint,
  type GraphPermission,
} from "./permissions";
export {
  policyTypes,
  policyTypeIds,
  listPolicies,
  listAllPolicies,
  getPolicy,
  createPolicy,
  updatePolicy,
  restorePolicy,
  type PolicyType,
  type PolicySummary,
  type PolicyPayload,
  type RestoreOutcome,
  type WriteOptions,
} from "./domain/policies";
export { writablePayload, type WriteTarget } from "./domain/writable-payload";
export { graphSchema, GraphSchema, qualifiedTypeName, typeNameOfODataType, type CsdlSubset } from "./metadata/graph-schema";
export { MetadataChecker, type Violation, type ViolationKind, type CheckOptions } from "./metadata/value-violations";
export { isReadOnly } from "./metadata/read-only-properties";
export { inlineNavigation, type WriteMethod } from "./metadata/deep-insert";
export { listManagedDevices, type ManagedDevice } from "./domain/managed-devices";
export { listUsers, listGroups, type DirectoryUser, type DirectoryGroup } from "./domain/directory";
export { getServicePrincipal, type ServicePrincipal } from "./domain/service-principal";
export * from "./sandbox/index";
