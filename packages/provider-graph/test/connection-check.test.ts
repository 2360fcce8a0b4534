import { describe, expect, test } from "vitest";
import { permissionsByNeed } from "@tenantpilot/dispatch-gate/contract";
import { checkConnection, graphPermissions, type RequiredPermissionsByOperation } from "../src/index";
import { clientFor, newTenantId, useSandbox } from "./sandbox-harness";

const sandbox = useSandbox();

const required: RequiredPermissionsByOperation = permissionsByNeed;

describe("checkConnection", () => {
  test("a healthy connection: ok, with the granted roles", async () => {
    const result = await checkConnection(clientFor(newTenantId()), required);
    expect(result.ok).toBe(true);
    expect(result.reason).toBeUndefined();
    expect(result.grantedPermissions).toContain("DeviceManagementConfiguration.ReadWrite.All");
    expect(Object.values(result.missingByOperation).every((missing) => missing.length === 0)).toBe(true);
    expect(Object.keys(result.missingByOperation).sort()).toEqual(Object.keys(required).sort());
  });

  test("missing permissions are listed per operation", async () => {
    const tenantId = newTenantId();
    const tenant = sandbox.tenant(tenantId);
    tenant.removePermission(graphPermissions.managedDevicesRead);
    tenant.removePermission(graphPermissions.managedDevicesReadWrite);
    tenant.removePermission(graphPermissions.userRead);
    tenant.removePermission(graphPermissions.userReadWrite);
    tenant.removePermission(graphPermissions.directoryRead);
    tenant.removePermission(graphPermissions.directoryReadWrite);
    const result = await checkConnection(clientFor(tenantId), required);
    expect(result.ok).toBe(false);
    expect(result.reason).toBe("provider_permission_missing");
    expect(result.missingByOperation).toEqual({
      "inventory.sync": [],
      "backup.capture": [],
      "restore.execute": [],
      "directory.sync": ["User.Read.All"],
      "report.generate:device-compliance": ["DeviceManagementManagedDevices.Read.All"],
      "report.generate:policy-inventory": [],
    });
    expect(result.missingPermissions).toEqual(expect.arrayContaining(["DeviceManagementManagedDevices.Read.All", "User.Read.All"]));
    expect(result.grantedPermissions).not.toContain("User.Read.All");
    expect(result.message).toContain("DeviceManagementManagedDevices.Read.All");
  });

  test("grants broader than the catalogue's names satisfy every need, as Graph grants them", async () => {
    const tenantId = newTenantId();
    const tenant = sandbox.tenant(tenantId);
    const app = tenant.app("11111111-2222-4333-8444-555555555555");
    for (const permission of [...(app?.permissions ?? [])]) tenant.removePermission(permission);
    // Directory.Read.All reads users and groups; the ReadWrite grants read too.
    for (const permission of [
      graphPermissions.directoryRead,
      graphPermissions.deviceConfigurationReadWrite,
      graphPermissions.managedDevicesReadWrite,
    ]) {
      tenant.grantPermission(permission);
    }
    const result = await checkConnection(clientFor(tenantId), required);
    expect(result).toMatchObject({ ok: true, missingPermissions: [] });
    expect(result.grantedPermissions).toEqual([
      "DeviceManagementConfiguration.ReadWrite.All",
      "DeviceManagementManagedDevices.ReadWrite.All",
      "Directory.Read.All",
    ]);
  });

  test("a check sees a permission removed after a token was cached", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    expect((await checkConnection(client, required)).ok).toBe(true);
    sandbox.tenant(tenantId).removePermission(graphPermissions.deviceConfigurationReadWrite);
    const result = await checkConnection(client, required);
    expect(result.missingByOperation["restore.execute"]).toEqual(["DeviceManagementConfiguration.ReadWrite.All"]);
    // Read.All is still granted, so the read operations are fine.
    expect(result.missingByOperation["inventory.sync"]).toEqual([]);
  });

  test("a token without any roles means consent was never granted", async () => {
    const tenantId = newTenantId();
    const tenant = sandbox.tenant(tenantId);
    const app = tenant.app("11111111-2222-4333-8444-555555555555");
    for (const permission of [...(app?.permissions ?? [])]) tenant.removePermission(permission);
    const result = await checkConnection(clientFor(tenantId), required);
    expect(result).toMatchObject({ ok: false, reason: "provider_consent_missing", grantedPermissions: [] });
  });

  test("token failures come back as values with support details", async () => {
    const tenantId = newTenantId();
    sandbox.tenant(tenantId).expireSecret();
    const result = await checkConnection(clientFor(tenantId), required);
    expect(result).toMatchObject({ ok: false, reason: "provider_credentials_expired", error: { aadsts: "AADSTS7000222" } });
    expect(result.missingByOperation["inventory.sync"]).toEqual(["DeviceManagementConfiguration.Read.All"]);

    const revoked = newTenantId();
    sandbox.tenant(revoked).revokeConsent();
    expect((await checkConnection(clientFor(revoked), required)).reason).toBe("provider_consent_missing");
  });
});
