import { describe, expect, it } from "vitest";
import { loginHref, safeRedirect } from "../app/api/login-href";
import { isUuid, routes } from "@tenantpilot/dispatch-gate/contract";
import { roleCapabilities } from "@tenantpilot/auth";
import { canOpen } from "../app/shell/primary-nav";

describe("safeRedirect", () => {
  it("keeps paths of this app", () => {
    expect(safeRedirect("/admin/t/contoso?tab=1")).toBe("/admin/t/contoso?tab=1");
  });

  it.each(["//evil.test/admin", "https://evil.test", "/\\evil.test", "admin", "", null, undefined])("refuses %s (no open redirect)", (target) => {
    expect(safeRedirect(target)).toBe("/admin");
  });
});

describe("loginHref", () => {
  it("returns to the page that was asked for", () => {
    expect(loginHref(new Request("http://admin.test/admin/operations?status=failed"))).toBe("/login?redirectTo=%2Fadmin%2Foperations%3Fstatus%3Dfailed");
  });

  it("needs no return address for the home page", () => {
    expect(loginHref(new Request("http://admin.test/admin"))).toBe("/login");
  });
});

describe("isUuid", () => {
  it("accepts what PostgreSQL's uuid type reads, in either case, and nothing else", () => {
    expect(isUuid("3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b")).toBe(true);
    expect(isUuid("3F2A1B4C-5D6E-4F70-8A9B-0C1D2E3F4A5B")).toBe(true);
    // Not an RFC 4122 variant, still a uuid PostgreSQL stores (and Microsoft writes GUIDs like it).
    expect(isUuid("00000000-0000-0000-0000-00000000c0c0")).toBe(true);
    expect(isUuid("contoso")).toBe(false);
    expect(isUuid("3f2a1b4c5d6e4f708a9b0c1d2e3f4a5b")).toBe(false);
    expect(isUuid("3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5")).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });
});

describe("canOpen (where a next step may lead)", () => {
  const readonly = new Set(roleCapabilities.readonly);
  const operator = new Set(roleCapabilities.operator);
  const manager = new Set(roleCapabilities.manager);

  it("leaves out a form for a change the role may not make, not only a section it may not open", () => {
    // A read-only member or an operator on a tenant without a connection was offered "Add a provider connection",
    // a page that only says "Your role does not manage provider connections".
    for (const capabilities of [readonly, operator]) {
      expect(canOpen(routes.newConnection({ tenant: "wingtip" }), capabilities)).toBe(false);
      expect(canOpen(routes.newSchedule(), capabilities)).toBe(false);
      expect(canOpen(routes.onboardingNew(), capabilities)).toBe(false);
      expect(canOpen(routes.connections(), capabilities)).toBe(true);
      expect(canOpen(routes.tenant("wingtip"), capabilities)).toBe(true);
    }
    expect(canOpen(routes.newConnection({ tenant: "wingtip" }), manager)).toBe(true);
    expect(canOpen(routes.newSchedule(), manager)).toBe(true);
    expect(canOpen(routes.webhook(), manager)).toBe(false);
    expect(canOpen(routes.webhook(), new Set(roleCapabilities.owner))).toBe(true);
  });
});
