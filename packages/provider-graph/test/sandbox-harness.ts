// One sandbox per test file: listening with onUnhandledRequest "error", reset between tests.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll } from "vitest";
import { ConfidentialAppCache, createGraphClient, createSandbox, type GraphClientOptions, type Sandbox, type SandboxOptions } from "../src/index";

export function useSandbox(options: SandboxOptions = {}): Sandbox {
  const sandbox = createSandbox(options);
  beforeAll(() => sandbox.server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    sandbox.server.resetHandlers();
    sandbox.reset();
  });
  afterAll(() => sandbox.server.close());
  return sandbox;
}

/** A fresh Microsoft tenant GUID per call, so tests never share tenant state or cached tokens. */
export function newTenantId(): string {
  return randomUUID();
}

export const clientId = "11111111-2222-4333-8444-555555555555";
export const clientSecret = "sandbox-secret-value";

/** A client on its own MSAL app cache with fast retries. */
export function clientFor(tenantId: string, overrides: Partial<GraphClientOptions> = {}) {
  return createGraphClient({
    tenantId,
    clientId,
    clientSecret,
    appCache: new ConfidentialAppCache(),
    retry: { maxRetries: 3, maxDelayMs: 50, baseDelayMs: 5 },
    ...overrides,
  });
}
