export { createSandbox, startSandbox, type Sandbox, type SandboxOptions, type RunningSandbox } from "./sandbox";
export {
  SandboxTenant,
  defaultTenantCounts,
  type AppRegistrationInput,
  type SandboxApp,
  type SandboxCollection,
  type SandboxRequestRecord,
  type TenantCounts,
  type TenantProfile,
} from "./sandbox-tenant";
export {
  demoTenants,
  demoGrantedPermissions,
  demoTenantPermissions,
  applyDemoConditions,
  type DemoTenant,
  type DemoCondition,
} from "./demo-tenants";
export { type SandboxConsentRecord, type SandboxConsentStore, type SandboxConsentTarget } from "./consent-store";
export { fileSandboxConsentStore, sandboxConsentFile } from "./file-consent-store";
export { memorySandboxConsentStore } from "./memory-consent-store";
