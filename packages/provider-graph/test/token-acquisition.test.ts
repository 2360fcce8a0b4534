import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, test, vi } from "vitest";
import { ConfidentialAppCache, createGraphClient, createSandbox, isProviderError, type ProviderError } from "../src/index";
import { clientFor, clientId, clientSecret, newTenantId, useSandbox } from "./sandbox-harness";

const sandbox = useSandbox();

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isProviderError(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("token acquisition", () => {
  test("several Graph calls share one token request (MSAL's cache)", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    await client.get("deviceManagement/deviceConfigurations");
    await client.get("users");
    await client.list("groups");
    const tenant = sandbox.tenant(tenantId);
    expect(tenant.tokenRequestCount).toBe(1);
    expect(tenant.graphRequestCount).toBeGreaterThanOrEqual(3);
    // The token request is in the diagnostics with Entra's request id, the secret nowhere.
    const tokenEntries = client.recentRequests().filter((entry) => entry.kind === "token");
    expect(tokenEntries).toHaveLength(1);
    expect(tokenEntries[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(client.recentRequests())).not.toContain(clientSecret);
  });

  test("concurrent first calls on a cold cache make a single token request", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    await Promise.all([client.get("users"), client.get("groups"), client.get("deviceManagement/managedDevices")]);
    expect(sandbox.tenant(tenantId).tokenRequestCount).toBe(1);
  });

  test("two clients of the same connection share the cached app and token", async () => {
    const tenantId = newTenantId();
    const appCache = new ConfidentialAppCache();
    await createGraphClient({ tenantId, clientId, clientSecret, appCache }).get("users");
    await createGraphClient({ tenantId, clientId, clientSecret, appCache }).get("groups");
    expect(sandbox.tenant(tenantId).tokenRequestCount).toBe(1);
    // A rotated secret is a different connection identity: a new app and a new token.
    await createGraphClient({ tenantId, clientId, clientSecret: "rotated-secret", appCache }).get("groups");
    expect(sandbox.tenant(tenantId).tokenRequestCount).toBe(2);
  });

  test("the cached token is renewed once it nears expiry", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-01T10:00:00Z"));
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    const first = await client.accessToken();
    await client.get("users");
    expect(sandbox.tenant(tenantId).tokenRequestCount).toBe(1);
    expect(first.expiresOn.getTime()).toBe(Date.parse("2026-11-01T10:59:59Z"));

    // 56 minutes later MSAL is inside its 5-minute renewal window and asks again.
    vi.setSystemTime(new Date("2026-11-01T10:56:00Z"));
    const renewed = await client.accessToken();
    expect(renewed.token).not.toBe(first.token);
    expect(renewed.fromCache).toBe(false);
    expect(sandbox.tenant(tenantId).tokenRequestCount).toBe(2);
  });

  test("forceRefresh bypasses the cache", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    const cached = await client.accessToken();
    const again = await client.accessToken();
    expect(again.fromCache).toBe(true);
    const fresh = await client.accessToken({ forceRefresh: true });
    expect(fresh.fromCache).toBe(false);
    expect(fresh.token).not.toBe(cached.token);
    expect(sandbox.tenant(tenantId).tokenRequestCount).toBe(2);
  });
});

describe("credentials Entra does not accept", () => {
  test("an unknown client id fails with AADSTS700016 → provider_credentials_missing", async () => {
    const tenantId = newTenantId();
    sandbox.tenant(tenantId).acceptUnregisteredApps(false);
    const error = await failure(clientFor(tenantId).get("users"));
    expect(error).toMatchObject({ reason: "provider_credentials_missing", aadsts: "AADSTS700016", transient: false, status: 400 });
    expect(sandbox.tenant(tenantId).graphRequestCount).toBe(0);
  });

  test("a wrong secret for a registered app fails with AADSTS7000215 → provider_credentials_missing", async () => {
    const tenantId = newTenantId();
    sandbox.tenant(tenantId).registerApp({ clientId, secret: "the-real-secret" });
    const error = await failure(clientFor(tenantId).get("users"));
    expect(error).toMatchObject({ reason: "provider_credentials_missing", aadsts: "AADSTS7000215", status: 401 });
    expect(error.message).not.toContain(clientSecret);
    expect(error.message).not.toContain("the-real-secret");
    expect(JSON.stringify(error)).not.toContain(clientSecret);
    // The right secret works.
    await expect(clientFor(tenantId, { clientSecret: "the-real-secret" }).get("users")).resolves.toBeDefined();
  });

  test("an empty secret is reported without calling Entra", async () => {
    const tenantId = newTenantId();
    const error = await failure(clientFor(tenantId, { clientSecret: "" }).get("users"));
    expect(error.reason).toBe("provider_credentials_missing");
    expect(sandbox.tenant(tenantId).tokenRequestCount).toBe(0);
  });

  test("a strict sandbox rejects every unregistered app", async () => {
    const strict = createSandbox({ acceptUnregisteredApps: false });
    // Reuse the listening server of this file with the strict sandbox's handlers in front.
    sandbox.server.use(...strict.handlers);
    const error = await failure(clientFor(newTenantId()).get("users"));
    expect(error.aadsts).toBe("AADSTS700016");
  });
});

describe("Entra failing", () => {
  test("a 503 from the token endpoint is transient, and MSAL holds the next attempts back", async () => {
    const tenantId = newTenantId();
    sandbox.server.use(
      http.post(
        `https://login.microsoftonline.com/${tenantId}/oauth2/v2.0/token`,
        () =>
          HttpResponse.json(
            { error: "temporarily_unavailable", error_description: "AADSTS50196: The server is temporarily unavailable.", error_codes: [50196] },
            { status: 503 },
          ),
        { once: true },
      ),
    );
    const client = clientFor(tenantId);
    const first = await failure(client.get("users"));
    expect(first).toMatchObject({ reason: "provider_unavailable", transient: true, status: 503, aadsts: "AADSTS50196" });
    // Within MSAL's back-off the request is not even sent: still a transient reason, not internal_error.
    const second = await failure(client.get("users"));
    expect(second).toMatchObject({ reason: "provider_unavailable", transient: true });
    expect(sandbox.tenant(tenantId).tokenRequestCount).toBe(0);
  });

  test("a token endpoint answering HTML is a transient transport failure", async () => {
    const tenantId = newTenantId();
    sandbox.server.use(
      http.post(`https://login.microsoftonline.com/${tenantId}/oauth2/v2.0/token`, () => new HttpResponse("<html>502 Bad Gateway</html>", { status: 502 }), {
        once: true,
      }),
    );
    const error = await failure(clientFor(tenantId).get("users"));
    expect(error).toMatchObject({ reason: "provider_unavailable", status: 502, transient: true });
  });
});

describe("configurable hosts", () => {
  const authorityHost = "https://login.sandbox.test";
  const graphBaseUrl = "https://graph.sandbox.test";
  const custom = createSandbox({ authorityHost, graphBaseUrl });

  test("a non-Microsoft authority is trusted explicitly and discovered through its OpenID configuration", async () => {
    sandbox.server.use(...custom.handlers);
    const tenantId = newTenantId();
    const client = clientFor(tenantId, { authorityHost, graphBaseUrl });
    const list = await client.list("groups");
    expect(list.items).toHaveLength(10);
    const kinds = custom.requests.map((request) => `${request.kind} ${new URL(request.url).host}`);
    expect(kinds).toContain("discovery login.sandbox.test");
    expect(kinds).toContain("token login.sandbox.test");
    expect(kinds).toContain("graph graph.sandbox.test");
    // Nothing went to the default Microsoft hosts.
    expect(sandbox.requests).toHaveLength(0);
  });
});
