import { capabilities, roles, type Capability, type Role } from "@tenantpilot/dispatch-gate/contract";

// The roles themselves live in the gate's contract, beside their words.
export { roles, type Role };

/**
 * What each role may do. Owners and managers may do everything the gate offers; archiving a tenant
 * and where notifications are sent outside the product (the webhook) are the owner's alone (like
 * managing members, which lies outside capabilities).
 */
export const roleCapabilities: Readonly<Record<Role, readonly Capability[]>> = Object.freeze({
  owner: Object.freeze([...capabilities]),
  manager: Object.freeze(capabilities.filter((capability) => capability !== "tenants.archive" && capability !== "webhooks.manage")),
  operator: Object.freeze(["tenants.read", "operations.start", "runs.cancel", "audit.read", "tags.manage"] as const),
  readonly: Object.freeze(["tenants.read", "audit.read"] as const),
});

export function can(role: Role, capability: Capability): boolean {
  return roleCapabilities[role].includes(capability);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/**
 * Reads a role from the database. The CHECK constraint makes an unknown value impossible, so
 * one here means the schema and this code disagree: fail closed and loudly.
 */
export function parseRole(value: string): Role {
  if (!isRole(value)) throw new Error(`unknown membership role "${value}"`);
  return value;
}
