import { describe, expect, test } from "vitest";
import {
  createSandbox,
  getPolicy,
  getServicePrincipal,
  listAllPolicies,
  listGroups,
  listManagedDevices,
  listPolicies,
  listUsers,
  restorePolicy,
  writablePayload,
} from "../src/index";
import { clientFor, clientId, newTenantId, useSandbox } from "./sandbox-harness";

const sandbox = useSandbox();

describe("policy reads", () => {
  test("the three policy families, each with its policyType", async () => {
    const all = await listAllPolicies(clientFor(newTenantId()));
    const count = (type: string) => all.items.filter((policy) => policy.policyType === type).length;
    expect(count("deviceConfiguration")).toBe(12);
    expect(count("compliancePolicy")).toBe(6);
    expect(count("settingsCatalog")).toBe(8);
    expect(all.truncated).toBe(false);
    const sample = all.items.find((policy) => policy.policyType === "deviceConfiguration");
    expect(sample?.odataType).toMatch(/^#microsoft\.graph\./);
    expect(sample?.lastModifiedDateTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    const catalog = all.items.find((policy) => policy.policyType === "settingsCatalog");
    expect(catalog?.displayName).not.toBe(catalog?.id);
    expect(catalog?.platform).toBeDefined();
  });

  test("settings catalog policies live on beta only", async () => {
    const tenantId = newTenantId();
    await listPolicies(clientFor(tenantId), "settingsCatalog");
    const urls = sandbox.tenant(tenantId).requests.filter((request) => request.kind === "graph").map((request) => request.url);
    expect(urls.every((url) => url.startsWith("https://graph.microsoft.com/beta/deviceManagement/configurationPolicies"))).toBe(true);
    const onV1 = await clientFor(tenantId)
      .get("deviceManagement/configurationPolicies")
      .catch((error: unknown) => error);
    expect(onV1).toMatchObject({ reason: "internal_error", status: 400 });
  });

  test("a full payload includes what listings leave out (settings, scheduled actions)", async () => {
    const client = clientFor(newTenantId());
    const [catalog] = (await listPolicies(client, "settingsCatalog")).items;
    const [compliance] = (await listPolicies(client, "compliancePolicy")).items;
    const catalogPayload = await getPolicy(client, "settingsCatalog", catalog!.id);
    expect(Array.isArray(catalogPayload?.payload.settings)).toBe(true);
    expect((catalogPayload?.payload.settings as unknown[]).length).toBeGreaterThan(0);
    const compliancePayload = await getPolicy(client, "compliancePolicy", compliance!.id);
    expect(compliancePayload?.payload.scheduledActionsForRule).toHaveLength(1);
    expect(compliancePayload?.payload["@odata.context"]).toBeUndefined();
  });

  test("a policy that no longer exists reads as null", async () => {
    await expect(getPolicy(clientFor(newTenantId()), "deviceConfiguration", "0b0b0b0b-0000-4000-8000-000000000000")).resolves.toBeNull();
  });
});

describe("restore writes", () => {
  test("an update over the existing policy is visible in later reads", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    const [summary] = (await listPolicies(client, "deviceConfiguration")).items;
    const captured = (await getPolicy(client, "deviceConfiguration", summary!.id))!;
    const before = captured.version ?? 0;
    const outcome = await restorePolicy(client, "deviceConfiguration", { ...captured.payload, displayName: "Restored from backup" }, { targetId: summary!.id });
    expect(outcome).toEqual({ action: "updated", id: summary!.id });
    const after = await getPolicy(client, "deviceConfiguration", summary!.id);
    expect(after?.displayName).toBe("Restored from backup");
    expect(after?.version).toBe(before + 1);
    expect(after?.odataType).toBe(captured.odataType);
  });

  test("a settings catalog restore replaces the settings (PUT)", async () => {
    const client = clientFor(newTenantId());
    const [summary] = (await listPolicies(client, "settingsCatalog")).items;
    const captured = (await getPolicy(client, "settingsCatalog", summary!.id))!;
    const settings = (captured.payload.settings as unknown[]).slice(0, 1);
    await restorePolicy(client, "settingsCatalog", { ...captured.payload, settings }, { targetId: summary!.id });
    const after = await getPolicy(client, "settingsCatalog", summary!.id);
    expect(after?.payload.settings).toEqual(settings);
    expect(after?.payload.settingCount).toBe(1);
  });

  test("a policy deleted since the backup is created anew, with the captured content", async () => {
    const source = newTenantId();
    const target = newTenantId();
    const sourceClient = clientFor(source);
    const [compliance] = (await listPolicies(sourceClient, "compliancePolicy")).items;
    const captured = (await getPolicy(sourceClient, "compliancePolicy", compliance!.id))!;

    // The id does not exist in the target tenant: the update 404s and the restore creates it.
    const targetClient = clientFor(target);
    const outcome = await restorePolicy(targetClient, "compliancePolicy", captured.payload, { targetId: compliance!.id });
    expect(outcome.action).toBe("created");
    expect(outcome.id).not.toBe(compliance!.id);
    const listed = (await listPolicies(targetClient, "compliancePolicy")).items;
    expect(listed).toHaveLength(7);
    const created = await getPolicy(targetClient, "compliancePolicy", outcome.id);
    expect(created?.displayName).toBe(captured.displayName);
    expect(created?.odataType).toBe(captured.odataType);
    expect(created?.payload.scheduledActionsForRule).toHaveLength(1);
    expect(created?.version).toBe(1);
  });

  test("Graph's validation is enforced: a policy body without its concrete type is refused", async () => {
    const client = clientFor(newTenantId());
    const error = await client
      .post("deviceManagement/deviceConfigurations", { displayName: "No type" })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: "internal_error", status: 400, graphCode: "BadRequest" });
    expect((error as Error).message).toContain("abstract class");
  });

  test("writablePayload keeps @odata.type and what the type declares in the target version, nothing Graph computes", () => {
    const captured = {
      "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
      "@odata.context": "x",
      "scheduledActionsForRule@odata.context": "y",
      id: "1",
      version: 3,
      createdDateTime: "2026-01-01T00:00:00Z",
      lastModifiedDateTime: "2026-01-02T00:00:00Z",
      displayName: "Keep",
      passwordRequired: true,
      defenderEnabled: true,
      roleScopeTagIds: ["0", "2"],
      scheduledActionsForRule: [{ id: "r1", ruleName: "PasswordRequired", scheduledActionConfigurations: [{ id: "a1", actionType: "block", gracePeriodHours: 0 }] }],
    };
    // beta declares scope tags and defenderEnabled; v1.0 declares neither.
    expect(writablePayload(captured, { version: "beta", type: "deviceCompliancePolicy", method: "PATCH" })).toEqual({
      "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
      displayName: "Keep",
      passwordRequired: true,
      defenderEnabled: true,
      roleScopeTagIds: ["0", "2"],
    });
    expect(writablePayload(captured, { version: "v1.0", type: "deviceCompliancePolicy", method: "PATCH" })).toEqual({
      "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
      displayName: "Keep",
      passwordRequired: true,
    });
    // A create carries the scheduled actions inline (Graph requires the block action), without ids.
    expect(writablePayload(captured, { version: "v1.0", type: "deviceCompliancePolicy", method: "POST" })).toMatchObject({
      scheduledActionsForRule: [{ ruleName: "PasswordRequired", scheduledActionConfigurations: [{ actionType: "block", gracePeriodHours: 0 }] }],
    });
    expect(JSON.stringify(writablePayload(captured, { version: "v1.0", type: "deviceCompliancePolicy", method: "POST" }))).not.toMatch(/"id"/);
  });
});

describe("devices, directory and the service principal", () => {
  test("managed devices", async () => {
    const devices = await listManagedDevices(clientFor(newTenantId()));
    expect(devices.items).toHaveLength(40);
    const states = new Set(devices.items.map((device) => device.complianceState));
    expect(states.has("compliant")).toBe(true);
    for (const device of devices.items) {
      expect(device.deviceName).not.toBe("");
      expect(["Windows", "iOS", "Android", "macOS"]).toContain(device.operatingSystem);
    }
  });

  test("users and groups with $select", async () => {
    const tenantId = newTenantId();
    const client = clientFor(tenantId);
    const users = await listUsers(client);
    expect(users.items).toHaveLength(30);
    expect(users.items[0]?.userPrincipalName).toMatch(new RegExp(`@${sandbox.tenant(tenantId).domain.replace(/\./g, "\\.")}$`));
    expect(new Set(users.items.map((user) => user.userPrincipalName)).size).toBe(30);
    const groups = await listGroups(client);
    expect(groups.items).toHaveLength(10);
    expect(groups.items.some((group) => group.groupTypes.includes("Unified"))).toBe(true);
    const urls = sandbox.tenant(tenantId).requests.map((request) => request.url);
    expect(urls.some((url) => url.includes("/v1.0/users?$select="))).toBe(true);
  });

  test("the connection's own service principal in the customer tenant", async () => {
    const tenantId = newTenantId();
    const sp = await getServicePrincipal(clientFor(tenantId));
    expect(sp).toMatchObject({ appId: clientId, servicePrincipalType: "Application", accountEnabled: true });
    expect(sp?.appOwnerOrganizationId).not.toBe(tenantId);
  });
});

describe("deterministic sandbox data", () => {
  test("the same tenant id yields the same data in another sandbox", () => {
    const tenantId = newTenantId();
    const a = createSandbox().tenant(tenantId);
    const b = createSandbox().tenant(tenantId);
    expect(a.collections.deviceConfigurations.all()).toEqual(b.collections.deviceConfigurations.all());
    expect(a.collections.users.all()).toEqual(b.collections.users.all());
    expect(a.collections.managedDevices.all()).toEqual(b.collections.managedDevices.all());
    const other = createSandbox().tenant(newTenantId());
    expect(other.collections.users.all()[0]?.id).not.toBe(a.collections.users.all()[0]?.id);
  });

  test("counts are configurable", () => {
    const tenant = createSandbox({ counts: { managedDevices: 3, users: 2 } }).tenant(newTenantId());
    expect(tenant.collections.managedDevices.size).toBe(3);
    expect(tenant.collections.users.size).toBe(2);
    expect(tenant.collections.deviceConfigurations.size).toBe(12);
  });
});
