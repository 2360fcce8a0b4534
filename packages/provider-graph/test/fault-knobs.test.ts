import { http, HttpResponse } from "msw";
import { describe, expect, test } from "vitest";
import { graphPermissions, isProviderError, type ProviderError } from "../src/index";
import { clientFor, clientId, newTenantId, useSandbox } from "./sandbox-harness";

const sandbox = useSandbox();

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isProviderError(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe("each fault knob maps to the gate's reason", () => {
  test("revokeConsent → provider_consent_missing (AADSTS7000229, no service principal)", async () => {
    const tenantId = newTenantId();
    sandbox.tenant(tenantId).revokeConsent();
    const error = await failure(clientFor(tenantId).get("users"));
    expect(error).toMatchObject({ reason: "provider_consent_missing", aadsts: "AADSTS7000229", transient: false });
  });

  test("expireSecret → provider_credentials_expired (AADSTS7000222)", async () => {
    const tenantId = newTenantId();
    sandbox.tenant(tenantId).expireSecret();
    const error = await failure(clientFor(tenantId).get("users"));
    expect(error).toMatchObject({ reason: "provider_credentials_expired", aadsts: "AADSTS7000222", status: 401, transient: false });
  });

  test("removePermission → provider_permission_missing naming the permission the endpoint needs", async () => {
    const tenantId = newTenantId();
    const tenant = sandbox.tenant(tenantId);
    tenant.removePermission(graphPermissions.deviceConfigurationRead);
    tenant.removePermission(graphPermissions.deviceConfigurationReadWrite);
    const client = clientFor(tenantId);
    const error = await failure(client.list("deviceManagement/deviceConfigurations"));
    expect(error).toMatchObject({
      reason: "provider_permission_missing",
      status: 403,
      graphCode: "Forbidden",
      missingPermissions: ["DeviceManagementConfiguration.Read.All"],
      transient: false,
    });
    expect(error.message).toContain("DeviceManagementConfiguration.Read.All");
    // Other endpoints keep working with the same token.
    await expect(client.list("users")).resolves.toMatchObject({ truncated: false });
  });

  test("a write needs the ReadWrite permission even when Read is granted", async () => {
    const tenantId = newTenantId();
    sandbox.tenant(tenantId).removePermission(graphPermissions.deviceConfigurationReadWrite);
    const client = clientFor(tenantId);
    await expect(client.get("deviceManagement/deviceConfigurations")).resolves.toBeDefined();
    const error = await failure(
      client.post("deviceManagement/deviceConfigurations", { "@odata.type": "#microsoft.graph.windows10GeneralConfiguration", displayName: "New" }),
    );
    expect(error.missingPermissions).toEqual(["DeviceManagementConfiguration.ReadWrite.All"]);
  });

  test("directory endpoints deny with Authorization_RequestDenied", async () => {
    const tenantId = newTenantId();
    const tenant = sandbox.tenant(tenantId);
    for (const permission of [graphPermissions.userRead, graphPermissions.userReadWrite, graphPermissions.directoryRead, graphPermissions.directoryReadWrite]) {
      tenant.removePermission(permission);
    }
    const error = await failure(clientFor(tenantId).list("users"));
    expect(error).toMatchObject({ reason: "provider_permission_missing", graphCode: "Authorization_RequestDenied", missingPermissions: ["User.Read.All"] });
  });

  test("knobs act on a connection whose token is already cached", async () => {
    const tenantId = newTenantId();
    const tenant = sandbox.tenant(tenantId);
    const client = clientFor(tenantId);
    await client.get("users");
    // The sandbox revokes older tokens when an app changes; the client retries once with a fresh
    // token, and the token endpoint then tells the real story.
    tenant.expireSecret();
    expect((await failure(client.get("users"))).reason).toBe("provider_credentials_expired");

    const second = newTenantId();
    const consented = clientFor(second);
    await consented.get("users");
    sandbox.tenant(second).revokeConsent();
    expect((await failure(consented.get("users"))).reason).toBe("provider_consent_missing");

    const third = newTenantId();
    const permitted = clientFor(third);
    await permitted.get("deviceManagement/managedDevices");
    sandbox.tenant(third).removePermission(graphPermissions.managedDevicesRead);
    sandbox.tenant(third).removePermission(graphPermissions.managedDevicesReadWrite);
    const error = await failure(permitted.get("deviceManagement/managedDevices"));
    expect(error).toMatchObject({ reason: "provider_permission_missing", missingPermissions: ["DeviceManagementManagedDevices.Read.All"] });
  });

  test("knobs scoped to one client id leave other apps alone", async () => {
    const tenantId = newTenantId();
    const other = "99999999-8888-4777-8666-555555555555";
    sandbox.tenant(tenantId).registerApp({ clientId: other, secret: "other-secret" });
    sandbox.tenant(tenantId).revokeConsent(other);
    await expect(clientFor(tenantId).get("users")).resolves.toBeDefined();
    const error = await failure(clientFor(tenantId, { clientId: other, clientSecret: "other-secret" }).get("users"));
    expect(error.reason).toBe("provider_consent_missing");
  });

  test("registerApp with an expiry in the past behaves like an expired secret", async () => {
    const tenantId = newTenantId();
    sandbox.tenant(tenantId).registerApp({ clientId, secret: "s3cret", expiresAt: new Date(Date.now() - 1_000) });
    const error = await failure(clientFor(tenantId, { clientSecret: "s3cret" }).get("users"));
    expect(error.aadsts).toBe("AADSTS7000222");
  });
});

describe("Graph 401", () => {
  test("one fresh token is tried; a token Graph keeps rejecting → provider_credentials_expired", async () => {
    const tenantId = newTenantId();
    sandbox.server.use(
      http.get("https://graph.microsoft.com/v1.0/users", () =>
        HttpResponse.json(
          { error: { code: "InvalidAuthenticationToken", message: "Access token validation failure." } },
          { status: 401, headers: { "request-id": "4b5c0a3e-0000-4000-8000-000000000401" } },
        ),
      ),
    );
    const client = clientFor(tenantId);
    const error = await failure(client.get("users"));
    expect(error).toMatchObject({
      reason: "provider_credentials_expired",
      status: 401,
      graphCode: "InvalidAuthenticationToken",
      requestId: "4b5c0a3e-0000-4000-8000-000000000401",
    });
    expect(sandbox.tenant(tenantId).tokenRequestCount).toBe(2);
  });
});
