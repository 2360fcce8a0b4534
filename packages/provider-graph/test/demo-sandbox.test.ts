import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { allNeededPermissions, permissionsByNeed } from "@tenantpilot/dispatch-gate/contract";
import { expectConsole } from "@tenantpilot/test-support/console-guard";
import {
  ConfidentialAppCache,
  checkConnection,
  createGraphClient,
  demoGrantedPermissions,
  demoTenantPermissions,
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

const required = permissionsByNeed;

function demoClient(condition: DemoCondition) {
  const tenant = demoTenants.find((candidate) => candidate.condition === condition)!;
  const client = createGraphClient({
    tenantId: tenant.microsoftTenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    appCache: new ConfidentialAppCache(),
    retry: { maxRetries: 1, maxDelayMs: 10, baseDelayMs: 5 },
  });
  return { tenant, client };
}

describe("demo tenants", () => {
  test("the list is fixed, unique, and covers every condition", () => {
    expect(new Set(demoTenants.map((tenant) => tenant.condition))).toEqual(
      new Set(["ready", "consent_missing", "secret_expired", "permission_missing", "onboarding", "archived", "no_connection"]),
    );
    for (const key of ["microsoftTenantId", "slug", "clientId"] as const) {
      expect(new Set(demoTenants.map((tenant) => tenant[key])).size).toBe(demoTenants.length);
    }
    // The seed entitles its restricted operator to the first Northwind tenant: it must be healthy.
    expect(demoTenants.find((tenant) => tenant.workspace === "northwind")?.condition).toBe("ready");
    expect(demoTenants.some((tenant) => tenant.workspace === "fabrikam")).toBe(true);
  });

  test("demoGrantedPermissions is exactly what the gate's operations need (what the seed grants)", () => {
    const needed = new Set(allNeededPermissions);
    expect(new Set(demoGrantedPermissions)).toEqual(needed);
  });

  test("a changed secret (rotated in the product) still works for a demo app", async () => {
    const tenant = demoTenants.find((candidate) => candidate.condition === "ready")!;
    const client = createGraphClient({
      tenantId: tenant.microsoftTenantId,
      clientId: tenant.clientId,
      clientSecret: "rotated-by-an-operator",
      appCache: new ConfidentialAppCache(),
    });
    await expect(client.get("users")).resolves.toBeDefined();
  });

  test("each condition shows up in the sandbox the way the seed describes it", async () => {
    const ready = await checkConnection(demoClient("ready").client, required);
    expect(ready.ok).toBe(true);
    expect(ready.grantedPermissions).toEqual(demoTenantPermissions(demoClient("ready").tenant).sort());

    expect((await checkConnection(demoClient("consent_missing").client, required)).reason).toBe("provider_consent_missing");
    expect((await checkConnection(demoClient("secret_expired").client, required)).reason).toBe("provider_credentials_expired");

    const partial = await checkConnection(demoClient("permission_missing").client, required);
    expect(partial.reason).toBe("provider_permission_missing");
    expect(partial.missingByOperation["report.generate:device-compliance"]).toEqual(["DeviceManagementManagedDevices.Read.All"]);
    expect(partial.missingByOperation["inventory.sync"]).toEqual([]);

    // Onboarding, archived and no_connection are database states; the Microsoft side is healthy
    // (onboarding's verification step must be able to pass).
    for (const condition of ["onboarding", "archived", "no_connection"] as const) {
      expect((await checkConnection(demoClient(condition).client, required)).ok).toBe(true);
    }
  });

  test("demo tenants carry their display name and domain", async () => {
    const { tenant, client } = demoClient("ready");
    expect(sandbox.tenant(tenant.microsoftTenantId).displayName).toBe(tenant.displayName);
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
