import { describe, expect, it } from "vitest";
import { capabilities } from "@tenantpilot/dispatch-gate/contract";
import { can, isRole, roleCapabilities, roles } from "../src/capabilities";

describe("role capabilities", () => {
  it("grants owners everything, and managers everything but archiving tenants and the webhook", () => {
    expect([...roleCapabilities.owner].sort()).toEqual([...capabilities].sort());
    for (const capability of capabilities) expect(can("owner", capability)).toBe(true);
    expect([...roleCapabilities.manager].sort()).toEqual(capabilities.filter((c) => c !== "tenants.archive" && c !== "webhooks.manage").sort());
    expect(can("manager", "tenants.archive")).toBe(false);
    expect(can("manager", "webhooks.manage")).toBe(false);
  });

  it("grants operators reading, starting, cancelling, tagging and the audit log — not restore, schedules or management", () => {
    expect([...roleCapabilities.operator].sort()).toEqual(["audit.read", "operations.start", "runs.cancel", "tags.manage", "tenants.read"]);
    expect(can("operator", "schedules.manage")).toBe(false);
    expect(can("operator", "operations.start")).toBe(true);
    expect(can("operator", "operations.restore")).toBe(false);
    expect(can("operator", "connections.manage")).toBe(false);
    expect(can("operator", "onboarding.manage")).toBe(false);
  });

  it("grants readonly members reading only", () => {
    expect([...roleCapabilities.readonly].sort()).toEqual(["audit.read", "tenants.read"]);
    for (const capability of capabilities) {
      expect(can("readonly", capability)).toBe(capability === "tenants.read" || capability === "audit.read");
    }
  });

  it("knows exactly the roles the memberships CHECK allows", () => {
    expect(roles).toEqual(["owner", "manager", "operator", "readonly"]);
    expect(isRole("operator")).toBe(true);
    expect(isRole("superuser")).toBe(false);
    expect(Object.isFrozen(roleCapabilities.operator)).toBe(true);
  });
});
