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

/** Workspace roles, as stored in `memberships.role` (a CHECK enforces the same list). */
export const roles = ["owner", "manager", "operator", "readonly"] as const;
export type Role = (typeof roles)[number];
