export {
  checkPasswordPolicy,
  hashPassword,
  passwordPolicy,
  verifyPassword,
  type PasswordPolicyResult,
} from "./password";
export {
  EncryptionKey,
  EncryptionKeyError,
  generateEncryptionKeyText,
  loadEncryptionKey,
  type LoadEncryptionKeyOptions,
} from "./encryption-key";
export { openSecret, sealSecret, SecretBoxError } from "./secret-box";
export { generateWebhookSecret, signWebhook, verifyWebhook } from "./webhook-signature";
export {
  createSessions,
  sessionCookieName,
  sessionLifetime,
  type SessionInfo,
  type SessionOptions,
  type Sessions,
  type SessionUser,
  type SessionValidation,
} from "./sessions";
export {
  hashSessionId,
  PrismaSessionAdapter,
  sessionAbsoluteLifetimeMs,
  sessionAndUserQueryFor,
  type SessionAdapterOptions,
  type SessionAndUserRow,
  type SessionReadKey,
} from "./session-adapter";
export { login, normalizeEmail, type LoginInput, type LoginOptions, type LoginResult } from "./login";
export {
  defaultLoginThrottlePolicy,
  deleteExpiredLoginThrottles,
  type LoginThrottlePolicy,
  type ThrottleRule,
} from "./login-throttle";
export { clientNetwork } from "./client-network";
export {
  authenticateApiToken,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiTokenPrincipal,
  type ApiTokenRecord,
} from "./api-tokens";
export { can, isRole, roleCapabilities, roles, type Role } from "./capabilities";
export {
  listAccessibleTenants,
  resolveTenantAccess,
  resolveWorkspaceAccess,
  tenantAccessQueryFor,
  tenantAccessByKeyQuery,
  tenantVisibleTo,
  toTenantAccess,
  type AccessibleTenant,
  type MembershipAccess,
  type TenantAccess,
  type TenantAccessRow,
  type TenantKeyRef,
  type TenantRef,
  type TenantStatus,
  type WorkspaceAccess,
  type WorkspaceRef,
} from "./access";
