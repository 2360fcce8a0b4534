import { AuthError, ClientConfigurationError, InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import { describe, expect, test } from "vitest";
import { ProviderError, providerErrorFromGraphFailure, providerErrorFromTokenFailure } from "../src/index";

const serverError = (code: string, no: string, status = 400, subError?: string) =>
  new ServerError(code, "corr", `Error(s): ${no} - Description: AADSTS${no}: something. Trace ID: t`, subError, no, status);

describe("token failures → reasons", () => {
  test.each([
    ["invalid_grant", "65001", "provider_consent_missing"],
    ["invalid_grant", "650051", "provider_consent_missing"],
    ["invalid_client", "7000229", "provider_consent_missing"],
    ["invalid_client", "7000222", "provider_credentials_expired"],
    ["invalid_client", "7000215", "provider_credentials_missing"],
    ["unauthorized_client", "700016", "provider_credentials_missing"],
    ["invalid_request", "90002", "provider_credentials_missing"],
  ])("%s AADSTS%s → %s", (code, no, reason) => {
    const error = providerErrorFromTokenFailure(serverError(code, no));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ reason, aadsts: `AADSTS${no}`, transient: false });
    expect(error.message).toContain(`AADSTS${no}`);
    expect(error.message).not.toContain("Trace ID");
  });

  test("consent_required without a known code is still consent", () => {
    const error = providerErrorFromTokenFailure(new InteractionRequiredAuthError("interaction_required", "", "needs consent", "consent_required"));
    expect(error.reason).toBe("provider_consent_missing");
  });

  test("Entra throttling and outages are transient", () => {
    expect(providerErrorFromTokenFailure(new ServerError("", "c", "busy", undefined, undefined, 429))).toMatchObject({
      reason: "provider_throttled",
      transient: true,
    });
    expect(providerErrorFromTokenFailure(new ServerError("temporarily_unavailable", "c", "down", undefined, undefined, 503))).toMatchObject({
      reason: "provider_unavailable",
      transient: true,
    });
  });

  test("configuration mistakes and the unknown are internal errors, never a provider reason", () => {
    expect(providerErrorFromTokenFailure(new ClientConfigurationError("invalid_authority", "c")).reason).toBe("internal_error");
    expect(providerErrorFromTokenFailure(new AuthError("weird", "c")).reason).toBe("internal_error");
    expect(providerErrorFromTokenFailure(new Error("boom")).reason).toBe("internal_error");
  });
});

describe("Graph failures → reasons", () => {
  const base = { method: "GET", resourcePath: "deviceManagement/managedDevices", requestId: "r-1" };

  test("403 names the endpoint's least-privileged permission", () => {
    const error = providerErrorFromGraphFailure({ ...base, status: 403, body: { error: { code: "Forbidden", message: "nope" } } });
    expect(error).toMatchObject({
      reason: "provider_permission_missing",
      missingPermissions: ["DeviceManagementManagedDevices.Read.All"],
      requestId: "r-1",
      graphCode: "Forbidden",
    });
  });

  test("403 on an endpoint outside the table falls back to the scopes Graph named", () => {
    const error = providerErrorFromGraphFailure({
      ...base,
      resourcePath: "deviceAppManagement/mobileApps",
      status: 403,
      body: { error: { code: "Forbidden", message: "Application must have one of the following scopes: DeviceManagementApps.Read.All, DeviceManagementApps.ReadWrite.All - Operation ID" } },
    });
    expect(error.missingPermissions).toEqual(["DeviceManagementApps.Read.All"]);
  });

  test.each([
    [401, "provider_credentials_expired", false],
    [404, "target_not_found", false],
    [429, "provider_throttled", true],
    [500, "provider_unavailable", true],
    [502, "provider_unavailable", true],
    [400, "internal_error", false],
    [409, "internal_error", false],
  ])("HTTP %i → %s", (status, reason, transient) => {
    expect(providerErrorFromGraphFailure({ ...base, status, body: undefined })).toMatchObject({ reason, transient, status });
  });

  test("toJSON is a secret-free record without the cause", () => {
    const error = providerErrorFromTokenFailure(serverError("invalid_client", "7000215", 401));
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(json).toEqual({ reason: "provider_credentials_missing", message: error.message, status: 401, aadsts: "AADSTS7000215", transient: false });
  });
});
