export const capabilities = [
  "tenants.read",
  "operations.start",
  "operations.restore",
  "runs.cancel",
  "connections.manage",
  "onboarding.manage",
  "audit.read",
] as const;
export type Capability = (typeof capabilities)[number];
