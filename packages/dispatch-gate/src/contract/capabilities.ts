export const capabilities = [
  "tenants.read",
  "operations.start",
  "operations.restore",
  "runs.cancel",
  "connections.manage",
  "onboarding.manage",
  "audit.read",
  /** Create, rename and delete tags, and put tenants in them. */
  "tags.manage",
  /** Recurring bulk starts of the workspace. */
  "schedules.manage",
  /** Archive and unarchive tenants: an owner's decision (like managing members). */
  "tenants.archive",
  /** The workspace's outbound webhook and its delivery log: where notifications leave the product, an owner's decision. */
  "webhooks.manage",
] as const;
export type Capability = (typeof capabilities)[number];

/** Workspace roles, as stored in `memberships.role` (a CHECK enforces the same list). */
export const roles = ["owner", "manager", "operator", "readonly"] as const;
export type Role = (typeof roles)[number];
