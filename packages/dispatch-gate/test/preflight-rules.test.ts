// Pure rule order: no database, the context is built by hand.
import { describe, expect, it } from "vitest";
import { operationCatalog, preflightRules, runPreflight, type ConnectionFacts, type PreflightContext } from "../src";

const now = new Date("2026-11-26T12:00:00Z");
const tenantId = "6f1d8f3e-1c2b-4a5d-8e9f-0a1b2c3d4e5f";

function goodConnection(): ConnectionFacts {
  return {
    id: "c0ffee00-0000-4000-8000-000000000001",
    displayName: "Main",
    clientId: "11111111-2222-4333-8444-555555555555",
    identityVersion: 3,
    enabled: true,
    consentState: "granted",
    hasSecret: true,
    secretExpiresAt: new Date(now.getTime() + 86_400_000),
    grantedPermissions: ["DeviceManagementConfiguration.ReadWrite.All"],
  };
}

function context(over: Partial<PreflightContext> = {}): PreflightContext {
  return {
    now,
    operation: operationCatalog["restore.execute"],
    tenant: { id: tenantId, workspaceId: tenantId, slug: "contoso", status: "active" },
    connection: goodConnection(),
    target: { kind: "backup_set", id: "b", found: true, ready: true, backupSetStatus: "complete" },
    scope: { key: "policies", label: "Intune policies" },
    activeRun: null,
    ...over,
  };
}

describe("preflight rule order", () => {
  it("is the documented order", () => {
    expect(preflightRules.map((rule) => rule.reason)).toEqual([
      "tenant_not_operable",
      "provider_connection_missing",
      "provider_connection_disabled",
      "provider_consent_missing",
      "provider_credentials_missing",
      "provider_credentials_expired",
      "provider_permission_missing",
      "target_not_found",
      "target_not_ready",
    ]);
  });

  it("reports the first failing rule: repairing prerequisites one by one walks the order", () => {
    const ctx = context({
      tenant: { id: tenantId, workspaceId: tenantId, slug: "contoso", status: "archived" },
      connection: null,
      target: { kind: "backup_set", id: "b", found: false, ready: false, backupSetStatus: null },
    });
    const broken: ConnectionFacts = {
      ...goodConnection(),
      enabled: false,
      consentState: "revoked",
      hasSecret: false,
      secretExpiresAt: new Date(now.getTime() - 1),
      grantedPermissions: [],
    };
    const seen: (string | null)[] = [];
    const observe = () => seen.push(runPreflight(ctx)?.reason ?? null);

    observe();
    ctx.tenant.status = "active";
    observe();
    ctx.connection = broken;
    observe();
    broken.enabled = true;
    observe();
    broken.consentState = "granted";
    observe();
    broken.hasSecret = true;
    observe();
    broken.secretExpiresAt = null; // a secret without a known expiry does not expire here
    observe();
    broken.grantedPermissions = ["DeviceManagementConfiguration.ReadWrite.All"];
    observe();
    ctx.target = { kind: "backup_set", id: "b", found: true, ready: false, backupSetStatus: "capturing" };
    observe();
    ctx.target = { ...ctx.target, ready: true, backupSetStatus: "complete" };
    observe();

    expect(seen).toEqual([...preflightRules.map((rule) => rule.reason), null]);
  });

  it("treats a secret expiring exactly now as expired", () => {
    const connection = { ...goodConnection(), secretExpiresAt: new Date(now) };
    expect(runPreflight(context({ connection }))?.reason).toBe("provider_credentials_expired");
  });

  it("names every missing permission, in catalogue order", () => {
    const ctx = context({
      operation: operationCatalog["directory.sync"],
      connection: { ...goodConnection(), grantedPermissions: ["Directory.Read.All"] },
      target: { kind: "tenant", id: tenantId, found: true, ready: true, backupSetStatus: null },
    });
    expect(runPreflight(ctx)).toEqual({
      reason: "provider_permission_missing",
      missingPermissions: ["Group.Read.All", "User.Read.All"],
    });
  });

  it("lets connection.check through during onboarding and without consent or permissions", () => {
    const ctx = context({
      operation: operationCatalog["connection.check"],
      tenant: { id: tenantId, workspaceId: tenantId, slug: "contoso", status: "onboarding" },
      connection: { ...goodConnection(), consentState: "pending", grantedPermissions: [] },
      target: { kind: "provider_connection", id: goodConnection().id, found: true, ready: true, backupSetStatus: null },
    });
    expect(runPreflight(ctx)).toBeNull();
    expect(runPreflight({ ...ctx, operation: operationCatalog["inventory.sync"] })?.reason).toBe("tenant_not_operable");
    expect(runPreflight({ ...ctx, tenant: { ...ctx.tenant, status: "archived" } })?.reason).toBe("tenant_not_operable");
  });
});
