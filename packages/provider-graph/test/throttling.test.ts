import { describe, expect, test } from "vitest";
import { isProviderError, type ProviderError, retryDelay, parseRetryAfter } from "../src/index";
import { clientFor, newTenantId, useSandbox } from "./sandbox-harness";

const sandbox = useSandbox();

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isProviderError(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe("throttling (429) honours Retry-After", () => {
  test("waits at least Retry-After seconds, then succeeds", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId, { retry: { maxRetries: 3, maxDelayMs: 5_000 } });
    await client.accessToken(); // keep token acquisition out of the timing
    sandbox.tenant(tenantId).throttle({ times: 1, retryAfterSeconds: 1 });
    const started = performance.now();
    const body = await client.get("users");
    const elapsed = performance.now() - started;
    expect(body).toHaveProperty("value");
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(elapsed).toBeLessThan(2_500);
    const statuses = client.recentRequests().filter((entry) => entry.kind === "graph").map((entry) => entry.status);
    expect(statuses).toEqual([429, 200]);
  });

  test("still throttled after the bounded retries → provider_throttled (transient)", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId, { retry: { maxRetries: 2, maxDelayMs: 1_500, baseDelayMs: 5 } });
    sandbox.tenant(tenantId).throttle({ times: 10, retryAfterSeconds: 0 });
    const error = await failure(client.get("deviceManagement/deviceConfigurations"));
    expect(error).toMatchObject({ reason: "provider_throttled", transient: true, status: 429, graphCode: "TooManyRequests" });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sandbox.tenant(tenantId).graphRequestCount).toBe(3); // first try + 2 retries
  });

  test("a Retry-After longer than the client may wait ends the retries and is passed on", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId, { retry: { maxRetries: 5, maxDelayMs: 2_000 } });
    sandbox.tenant(tenantId).throttle({ times: 1, retryAfterSeconds: 120 });
    const started = performance.now();
    const error = await failure(client.get("users"));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ reason: "provider_throttled", retryAfterSeconds: 120, transient: true });
  });
});

describe("outages (503) honour Retry-After", () => {
  test("the sandbox's 503 says when to come back, in Graph's error body", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId, { retry: { maxRetries: 0 } });
    await client.accessToken();
    sandbox.tenant(tenantId).outage({ times: 1, retryAfterSeconds: 7 });
    const token = (await client.accessToken()).token;
    const response = await fetch("https://graph.microsoft.com/v1.0/groups", { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toMatchObject({ error: { code: "serviceNotAvailable", innerError: { "request-id": expect.any(String) } } });
  });

  test("waits at least Retry-After seconds, then succeeds", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId, { retry: { maxRetries: 3, maxDelayMs: 5_000 } });
    await client.accessToken();
    sandbox.tenant(tenantId).outage({ times: 1, retryAfterSeconds: 1 });
    const started = performance.now();
    await expect(client.get("groups")).resolves.toHaveProperty("value");
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(elapsed).toBeLessThan(2_500);
    const statuses = client.recentRequests().filter((entry) => entry.kind === "graph").map((entry) => entry.status);
    expect(statuses).toEqual([503, 200]);
  });

  test("a Retry-After longer than the client may wait ends the retries and reaches the caller", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId, { retry: { maxRetries: 5, maxDelayMs: 2_000 } });
    sandbox.tenant(tenantId).outage({ times: 1, retryAfterSeconds: 90 });
    const started = performance.now();
    const error = await failure(client.get("groups"));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ reason: "provider_unavailable", transient: true, status: 503, retryAfterSeconds: 90 });
    expect(sandbox.tenant(tenantId).graphRequestCount).toBe(1);
  });

  test("Retry-After: 0 → the retries ride out a short outage at once", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    sandbox.tenant(tenantId).outage({ times: 2, retryAfterSeconds: 0 });
    await expect(client.get("groups")).resolves.toHaveProperty("value");
    expect(sandbox.tenant(tenantId).graphRequestCount).toBe(3);
  });
});

describe("outages and slowness", () => {
  test("an outage outlasting the retries → provider_unavailable (transient)", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    sandbox.tenant(tenantId).outage({ until: new Date(Date.now() + 60_000), retryAfterSeconds: 0 });
    const error = await failure(client.get("groups"));
    expect(error).toMatchObject({ reason: "provider_unavailable", transient: true, status: 503 });
    sandbox.tenant(tenantId).heal();
    await expect(client.get("groups")).resolves.toHaveProperty("value");
  });

  test("slow responses are waited for, and time out as provider_unavailable", async () => {
    const tenantId = newTenantId();
    sandbox.tenant(tenantId).slow(150);
    const patient = clientFor(tenantId);
    const started = performance.now();
    await patient.get("users");
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);

    const impatient = clientFor(tenantId, { timeoutMs: 50, retry: { maxRetries: 1, maxDelayMs: 10, baseDelayMs: 5 } });
    await impatient.accessToken();
    const error = await failure(impatient.get("users"));
    expect(error).toMatchObject({ reason: "provider_unavailable", transient: true });
    expect(impatient.recentRequests().filter((entry) => entry.kind === "graph").map((entry) => entry.failure)).toEqual(["timeout", "timeout"]);
  });

  test("a POST is not repeated after a timeout (it may have been applied)", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId, { timeoutMs: 50 });
    await client.accessToken();
    sandbox.tenant(tenantId).slow(150);
    const error = await failure(
      client.post("deviceManagement/deviceConfigurations", { "@odata.type": "#microsoft.graph.windows10GeneralConfiguration", displayName: "x" }),
    );
    expect(error.reason).toBe("provider_unavailable");
    expect(client.recentRequests().filter((entry) => entry.kind === "graph")).toHaveLength(1);
  });
});

describe("retry policy", () => {
  const options = { maxRetries: 3, maxDelayMs: 10_000, baseDelayMs: 500 };

  test("Retry-After is a floor with bounded jitter", () => {
    expect(retryDelay(1, 2, options, () => 0)).toEqual({ retry: true, delayMs: 2_000 });
    expect(retryDelay(1, 2, options, () => 0.999)).toEqual({ retry: true, delayMs: 2_250 });
  });

  test("without Retry-After the backoff grows exponentially within the cap", () => {
    expect(retryDelay(1, undefined, options, () => 0)).toEqual({ retry: true, delayMs: 250 });
    expect(retryDelay(3, undefined, options, () => 1)).toEqual({ retry: true, delayMs: 2_000 });
    expect(retryDelay(3, undefined, { ...options, maxDelayMs: 1_000 }, () => 1)).toEqual({ retry: true, delayMs: 1_000 });
  });

  test("retries are bounded", () => {
    expect(retryDelay(4, undefined, options)).toEqual({ retry: false });
    expect(retryDelay(4, 3, options)).toEqual({ retry: false, retryAfterSeconds: 3 });
  });

  test("Retry-After parses seconds and HTTP dates", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:30 GMT", Date.parse("Wed, 21 Oct 2026 07:28:00 GMT"))).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
