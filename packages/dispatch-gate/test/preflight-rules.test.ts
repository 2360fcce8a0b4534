// Pure rule order: no database, the context is built by hand.
import { describe, expect, it } from "vitest";
import {
  operationCatalog,
  preflightRules,
  runPreflight,
  type ConnectionFacts,
  type OperationId,
  type PreflightContext,
  type ProviderLastWord,
  type TargetFacts,
} from "../src";

const now = new Date("2026-11-26T12:00:00Z");
const tenantId = "6f1d8f3e-1c2b-4a5d-8e9f-0a1b2c3d4e5f";

function goodConnection(over: Partial<ConnectionFacts> = {}): ConnectionFacts {
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
    lastWord: null,
    ...over,
  };
}

const tenantTarget: TargetFacts = { kind: "tenant", id: tenantId, found: true, ready: true, backupSetStatus: null, policyFamilies: null };
const backupSet = (over: Partial<TargetFacts> = {}): TargetFacts => ({
  kind: "backup_set",
  id: "b",
  found: true,
  ready: true,
  backupSetStatus: "complete",
  policyFamilies: ["deviceConfiguration"],
  ...over,
});
const reportKind = (id: string): TargetFacts => ({ kind: "report_kind", id, found: true, ready: true, backupSetStatus: null, policyFamilies: null });
const checkTarget: TargetFacts = {
  kind: "provider_connection",
  id: goodConnection().id,
  found: true,
  ready: true,
  backupSetStatus: null,
  policyFamilies: null,
};

function context(over: Partial<PreflightContext> = {}): PreflightContext {
  return {
    now,
    operation: operationCatalog["restore.execute"],
    tenant: { id: tenantId, workspaceId: tenantId, slug: "contoso", status: "active" },
    connection: goodConnection(),
    target: backupSet(),
    scope: { key: "policies", label: "Intune policies" },
    activeRun: null,
    finishesOnboarding: false,
    ...over,
  };
}

/** The context of a start of `operation` on its natural target. */
function start(operation: OperationId, connection: ConnectionFacts, target?: TargetFacts): PreflightContext {
  const natural: Record<OperationId, TargetFacts> = {
    "inventory.sync": tenantTarget,
    "backup.capture": tenantTarget,
    "directory.sync": tenantTarget,
    "restore.execute": backupSet(),
    "report.generate": reportKind("device-compliance"),
    "connection.check": checkTarget,
  };
  return context({ operation: operationCatalog[operation], connection, target: target ?? natural[operation] });
}

const lastWord = (over: Partial<ProviderLastWord>): ProviderLastWord => ({
  reason: "provider_credentials_expired",
  missingPermissions: [],
  observedAt: new Date(now.getTime() - 60_000),
  runId: "9d0f3a7c-2b1e-4c5d-8e6f-7a8b9c0d1e2f",
  ...over,
});

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
      target: backupSet({ found: false, ready: false, backupSetStatus: null }),
    });
    const broken = goodConnection({
      enabled: false,
      consentState: "revoked",
      hasSecret: false,
      secretExpiresAt: new Date(now.getTime() - 1),
      grantedPermissions: [],
    });
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
    ctx.target = backupSet({ ready: false, backupSetStatus: "capturing" });
    observe();
    ctx.target = backupSet();
    observe();

    expect(seen).toEqual([...preflightRules.map((rule) => rule.reason), null]);
  });

  it("treats a secret expiring exactly now as expired", () => {
    const connection = goodConnection({ secretExpiresAt: new Date(now) });
    expect(runPreflight(context({ connection }))?.reason).toBe("provider_credentials_expired");
  });

  it("lets connection.check through during onboarding and without consent or permissions", () => {
    const ctx = context({
      operation: operationCatalog["connection.check"],
      tenant: { id: tenantId, workspaceId: tenantId, slug: "contoso", status: "onboarding" },
      connection: goodConnection({ consentState: "pending", grantedPermissions: [] }),
      target: checkTarget,
    });
    expect(runPreflight(ctx)).toBeNull();
    expect(runPreflight({ ...ctx, operation: operationCatalog["inventory.sync"] })?.reason).toBe("tenant_not_operable");
    expect(runPreflight({ ...ctx, tenant: { ...ctx.tenant, status: "archived" } })?.reason).toBe("tenant_not_operable");
  });

  it("lets inventory.sync through on an onboarding tenant only as onboarding's first sync", () => {
    const onboarding = { id: tenantId, workspaceId: tenantId, slug: "contoso", status: "onboarding" };
    const connection = goodConnection({ grantedPermissions: ["DeviceManagementConfiguration.Read.All"] });
    const firstSync = context({ operation: operationCatalog["inventory.sync"], tenant: onboarding, connection, target: tenantTarget, finishesOnboarding: true });
    expect(runPreflight(firstSync)).toBeNull();
    expect(runPreflight({ ...firstSync, finishesOnboarding: false })?.reason).toBe("tenant_not_operable");
    expect(runPreflight({ ...firstSync, operation: operationCatalog["backup.capture"] })?.reason).toBe("tenant_not_operable");
    expect(runPreflight({ ...firstSync, tenant: { ...onboarding, status: "archived" } })?.reason).toBe("tenant_not_operable");
  });
});

describe("permissions, as Graph grants them", () => {
  it("accepts grants broader than the catalogue's names for every operation", () => {
    const broader = goodConnection({
      grantedPermissions: ["Directory.Read.All", "DeviceManagementConfiguration.ReadWrite.All", "DeviceManagementManagedDevices.ReadWrite.All"],
    });
    for (const operation of ["inventory.sync", "backup.capture", "restore.execute", "directory.sync", "report.generate", "connection.check"] as const) {
      expect(runPreflight(start(operation, broader)), operation).toBeNull();
    }
    expect(runPreflight(start("report.generate", broader, reportKind("policy-inventory")))).toBeNull();
    // Directory.ReadWrite.All reads users and groups as well.
    expect(runPreflight(start("directory.sync", goodConnection({ grantedPermissions: ["Directory.ReadWrite.All"] })))).toBeNull();
  });

  it("names every missing permission, in catalogue order, when nothing grants them", () => {
    const ctx = start("directory.sync", goodConnection({ grantedPermissions: ["DeviceManagementConfiguration.ReadWrite.All"] }));
    expect(runPreflight(ctx)).toEqual({ reason: "provider_permission_missing", missingPermissions: ["Group.Read.All", "User.Read.All"] });
  });

  it("does not take a read grant for a write: a restore needs ReadWrite", () => {
    const readOnly = goodConnection({ grantedPermissions: ["DeviceManagementConfiguration.Read.All"] });
    expect(runPreflight(start("restore.execute", readOnly))).toEqual({
      reason: "provider_permission_missing",
      missingPermissions: ["DeviceManagementConfiguration.ReadWrite.All"],
    });
    expect(runPreflight(start("inventory.sync", readOnly))).toBeNull();
  });

  it("judges report permissions per report kind: a grant lacking one kind's permission blocks that kind only", () => {
    const withoutDevices = goodConnection({
      grantedPermissions: ["DeviceManagementConfiguration.ReadWrite.All", "Group.Read.All", "User.Read.All"],
    });
    expect(runPreflight(start("report.generate", withoutDevices, reportKind("device-compliance")))).toEqual({
      reason: "provider_permission_missing",
      missingPermissions: ["DeviceManagementManagedDevices.Read.All"],
    });
    expect(runPreflight(start("report.generate", withoutDevices, reportKind("policy-inventory")))).toBeNull();
    for (const operation of ["inventory.sync", "backup.capture", "restore.execute", "directory.sync"] as const) {
      expect(runPreflight(start(operation, withoutDevices)), operation).toBeNull();
    }

    // The opposite grant: the device report is ready, the policy report is not.
    const devicesOnly = goodConnection({ grantedPermissions: ["DeviceManagementManagedDevices.Read.All"] });
    expect(runPreflight(start("report.generate", devicesOnly, reportKind("device-compliance")))).toBeNull();
    expect(runPreflight(start("report.generate", devicesOnly, reportKind("policy-inventory")))?.missingPermissions).toEqual([
      "DeviceManagementConfiguration.Read.All",
    ]);
  });

  it("leaves an unknown report kind to target_not_found", () => {
    expect(runPreflight(start("report.generate", goodConnection({ grantedPermissions: [] }), { ...reportKind("nope"), found: false }))?.reason).toBe(
      "target_not_found",
    );
  });
});

describe("the provider's last word", () => {
  it("a rejected secret blocks every start but the check, whatever the stored expiry says", () => {
    const rejected = goodConnection({
      grantedPermissions: ["Directory.Read.All", "DeviceManagementConfiguration.ReadWrite.All", "DeviceManagementManagedDevices.Read.All"],
      lastWord: lastWord({ reason: "provider_credentials_expired" }),
    });
    for (const operation of ["inventory.sync", "backup.capture", "restore.execute", "directory.sync", "report.generate"] as const) {
      expect(runPreflight(start(operation, rejected))?.reason, operation).toBe("provider_credentials_expired");
    }
    expect(runPreflight(start("connection.check", rejected))).toBeNull();
    const unknownApp = { ...rejected, lastWord: lastWord({ reason: "provider_credentials_missing" }) };
    expect(runPreflight(start("inventory.sync", unknownApp))?.reason).toBe("provider_credentials_missing");
  });

  it("revoked consent seen by Microsoft blocks even while the stored state still says granted", () => {
    const revoked = goodConnection({ consentState: "granted", lastWord: lastWord({ reason: "provider_consent_missing" }) });
    expect(runPreflight(start("inventory.sync", revoked))?.reason).toBe("provider_consent_missing");
    expect(runPreflight(start("connection.check", revoked))).toBeNull();
  });

  it("a 403 blocks the needs it covers, broader needs included, and leaves the others ready", () => {
    const refused = goodConnection({
      grantedPermissions: ["DeviceManagementConfiguration.ReadWrite.All", "DeviceManagementManagedDevices.Read.All", "Directory.Read.All"],
      lastWord: lastWord({ reason: "provider_permission_missing", missingPermissions: ["DeviceManagementConfiguration.Read.All"] }),
    });
    expect(runPreflight(start("inventory.sync", refused))).toEqual({
      reason: "provider_permission_missing",
      missingPermissions: ["DeviceManagementConfiguration.Read.All"],
    });
    expect(runPreflight(start("restore.execute", refused))).toEqual({
      reason: "provider_permission_missing",
      missingPermissions: ["DeviceManagementConfiguration.ReadWrite.All"],
    });
    expect(runPreflight(start("report.generate", refused, reportKind("device-compliance")))).toBeNull();
    expect(runPreflight(start("directory.sync", refused))).toBeNull();
  });

  it("a 403 that named no permission blocks every operation needing one", () => {
    const refused = goodConnection({
      grantedPermissions: ["DeviceManagementConfiguration.ReadWrite.All", "Directory.Read.All"],
      lastWord: lastWord({ reason: "provider_permission_missing", missingPermissions: [] }),
    });
    expect(runPreflight(start("directory.sync", refused))?.reason).toBe("provider_permission_missing");
    expect(runPreflight(start("connection.check", refused))).toBeNull();
  });
});
