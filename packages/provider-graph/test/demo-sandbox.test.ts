import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { operationCatalog } from "@tenantpilot/dispatch-gate/contract";
import { expectConsole } from "../../../tests/support/console-guard";
import {
  ConfidentialAppCache,
  checkConnection,
  createGraphClient,
  demoTenants,
  isProviderError,
  listAllPolicies,
  startSandbox,
  type DemoCondition,
  type RunningSandbox,
} from "../src/index";

let sandbox: RunningSandbox;
let local: Server;
let localUrl: string;

beforeAll(async () => {
  sandbox = startSandbox();
  local = createServer((_request, response) => response.end("local ok"));
  await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
  localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  sandbox.stop();
  await new Promise((resolve) => local.close(resolve));
});

const required = Object.fromEntries(Object.values(operationCatalog).map((operation) => [operation.id, operation.requiredPermissions]));

function demoClient(condition: DemoCondition) {
  const tenant = demoTenants.find((candidate) => candidate.condition === condition)!;
  // The seed's secret is unknown to the sandbox: any non-empty secret is accepted for demo apps.
  const client = createGraphClient({
    tenantId: tenant.msTenantId,
    clientId: tenant.clientId,
    clientSecret: `seeded-secret-${tenant.slug}`,
    appCache: new ConfidentialAppCache(),
    retry: { maxRetries: 1, maxDelayMs: 10, baseDelayMs: 5 },
  });
  return { tenant, client };
}

describe("demo tenants", () => {
  test("the list is fixed and covers every condition once", () => {
    expect(demoTenants.map((tenant) => tenant.condition).sort()).toEqual(
      ["consent_missing", "onboarding", "permission_missing", "ready", "secret_expired"].sort(),
    );
    expect(new Set(demoTenants.map((tenant) => tenant.msTenantId)).size).toBe(demoTenants.length);
    expect(new Set(demoTenants.map((tenant) => tenant.slug)).size).toBe(demoTenants.length);
  });

  test("each condition shows up in the sandbox the way the seed describes it", async () => {
    const ready = await checkConnection(demoClient("ready").client, required);
    expect(ready.ok).toBe(true);
    expect(ready.grantedPermissions).toEqual([...demoClient("ready").tenant.grantedPermissions].sort());

    expect((await checkConnection(demoClient("consent_missing").client, required)).reason).toBe("provider_consent_missing");
    expect((await checkConnection(demoClient("secret_expired").client, required)).reason).toBe("provider_credentials_expired");

    const partial = await checkConnection(demoClient("permission_missing").client, required);
    expect(partial.reason).toBe("provider_permission_missing");
    expect(partial.missingByOperation["report.generate"]).toEqual(["DeviceManagementManagedDevices.Read.All"]);
    expect(partial.missingByOperation["inventory.sync"]).toEqual([]);

    // Onboarding is a database state; the Microsoft side is healthy so verification can pass.
    expect((await checkConnection(demoClient("onboarding").client, required)).ok).toBe(true);
  });

  test("demo tenants carry their display name and domain", async () => {
    const { tenant, client } = demoClient("ready");
    expect(sandbox.tenant(tenant.msTenantId).displayName).toBe(tenant.displayName);
    const policies = await listAllPolicies(client);
    expect(policies.items.length).toBe(26);
    const users = (await client.list("users")).items as { userPrincipalName: string }[];
    expect(users.every((user) => user.userPrincipalName.endsWith(`@${tenant.domain}`))).toBe(true);
  });
});

describe("startSandbox in a process", () => {
  test("non-Microsoft hosts pass through untouched", async () => {
    const response = await fetch(localUrl);
    expect(await response.text()).toBe("local ok");
  });

  test("an unknown Microsoft endpoint is an error, not a silent pass-through", async () => {
    expectConsole(/intercepted a request without a matching request handler/);
    const outcome = await fetch("https://login.microsoftonline.com/common/unknown-endpoint").then(
      (response) => response.status,
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(Error);
  });

  test("a typo in a Graph path is a Graph 400, mapped to a non-transient error", async () => {
    const { client } = demoClient("ready");
    const error = await client.get("deviceManagement/deviceConfigurationz").catch((caught: unknown) => caught);
    expect(isProviderError(error) && error.status).toBe(400);
  });
});
