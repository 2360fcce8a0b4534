// Intune RBAC scope tags (roleScopeTagIds) decide which administrators may manage a policy. Only
// beta declares them on classic policies, so the product reads and writes those through beta
// (ADR 013): a backup keeps the tags and a restore puts them back. A restore through v1.0 (of a
// backup taken through v1.0) sends only what v1.0 declares.
import { describe, expect, test } from "vitest";
import { getPolicy, listPolicies, restorePolicy, type PolicyPayload, type SandboxTenant } from "../src/index";
import { clientFor, newTenantId, useSandbox } from "./sandbox-harness";

const sandbox = useSandbox();

const classic = ["deviceConfiguration", "compliancePolicy"] as const;

async function captureClassic(tenantId: string): Promise<PolicyPayload[]> {
  const client = clientFor(tenantId);
  const captured: PolicyPayload[] = [];
  for (const policyType of classic) {
    for (const policy of (await listPolicies(client, policyType)).items) captured.push((await getPolicy(client, policyType, policy.id))!);
  }
  return captured;
}

function writesTo(tenant: SandboxTenant) {
  return tenant.requests.filter((request) => request.kind === "graph" && request.body !== undefined);
}

const storeOf = { deviceConfiguration: "deviceConfigurations", compliancePolicy: "deviceCompliancePolicies" } as const;

describe("backup → restore keeps scope tags", () => {
  test("captured through beta, with their tags; a restore over the policies puts changed tags back", async () => {
    const tenantId = newTenantId();
    const tenant = sandbox.tenant(tenantId);
    const captured = await captureClassic(tenantId);
    expect(captured).toHaveLength(18);
    expect(captured.every((item) => item.graphVersion === "beta" && Array.isArray(item.payload.roleScopeTagIds))).toBe(true);
    expect(new Set(captured.map((item) => JSON.stringify(item.payload.roleScopeTagIds))).size).toBeGreaterThan(1);

    // Someone moves every policy into the Default scope tag only.
    for (const item of captured) {
      const store = tenant.collections[storeOf[item.policyType as (typeof classic)[number]]];
      store.put({ ...store.get(item.id)!, roleScopeTagIds: ["0"] });
    }
    const client = clientFor(tenantId);
    for (const item of captured) {
      await expect(restorePolicy(client, item.policyType, item.payload, { targetId: item.id, version: item.graphVersion })).resolves.toEqual({ action: "updated", id: item.id });
    }

    for (const item of captured) {
      const after = await getPolicy(client, item.policyType, item.id);
      expect(after?.payload.roleScopeTagIds).toEqual(item.payload.roleScopeTagIds);
    }
    // What the sandbox received: PATCHes through beta, each with the captured tags.
    const writes = writesTo(tenant);
    expect(writes).toHaveLength(18);
    for (const write of writes) {
      expect(write.method).toBe("PATCH");
      expect(write.url).toMatch(/^https:\/\/graph\.microsoft\.com\/beta\/deviceManagement\//);
      const item = captured.find((candidate) => write.url.endsWith(candidate.id))!;
      expect(write.body).toMatchObject({ roleScopeTagIds: item.payload.roleScopeTagIds });
    }
  });

  test("a policy gone from the tenant is created anew with its scope tags", async () => {
    const captured = await captureClassic(newTenantId());
    const targetId = newTenantId();
    const target = clientFor(targetId);
    for (const item of captured) {
      const outcome = await restorePolicy(target, item.policyType, item.payload, { targetId: item.id, version: item.graphVersion });
      expect(outcome.action).toBe("created");
      const created = await getPolicy(target, item.policyType, outcome.id);
      expect(created?.payload.roleScopeTagIds).toEqual(item.payload.roleScopeTagIds);
      expect(created?.displayName).toBe(item.displayName);
    }
    const posts = writesTo(sandbox.tenant(targetId)).filter((write) => write.method === "POST");
    expect(posts).toHaveLength(18);
    expect(posts.every((post) => (post.body as { roleScopeTagIds?: unknown }).roleScopeTagIds !== undefined)).toBe(true);
  });
});

describe("a restore into v1.0 sends only what v1.0 declares", () => {
  test("the request bodies the sandbox receives: no scope tags, no beta-only settings, nothing Graph computes", async () => {
    const sourceId = newTenantId();
    const source = sandbox.tenant(sourceId);
    const compliance = source.collections.deviceCompliancePolicies.all().find((policy) => policy["@odata.type"] === "#microsoft.graph.windows10CompliancePolicy")!;
    // A payload holding beta-only properties (as backups taken by the lenient sandbox did), written
    // back through v1.0: over the policy (PATCH) and anew elsewhere (POST).
    const payload = (await getPolicy(clientFor(sourceId), "compliancePolicy", compliance.id))!.payload;
    expect(payload).toMatchObject({ roleScopeTagIds: expect.any(Array), defenderEnabled: true });
    await restorePolicy(clientFor(sourceId), "compliancePolicy", payload, { targetId: compliance.id, version: "v1.0" });
    const targetId = newTenantId();
    const recreated = await restorePolicy(clientFor(targetId), "compliancePolicy", payload, { targetId: compliance.id, version: "v1.0" });
    expect(recreated.action).toBe("created");

    const declaredInV1 = {
      "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
      displayName: compliance.displayName,
      description: compliance.description,
      passwordRequired: true,
      osMinimumVersion: compliance.osMinimumVersion,
      bitLockerEnabled: true,
      secureBootEnabled: true,
      storageRequireEncryption: true,
    };
    const [patch] = writesTo(source);
    expect(patch).toMatchObject({ method: "PATCH", url: `https://graph.microsoft.com/v1.0/deviceManagement/deviceCompliancePolicies/${compliance.id}`, status: 204 });
    expect(patch!.body).toEqual(declaredInV1);
    const [post] = writesTo(sandbox.tenant(targetId)).filter((write) => write.method === "POST");
    expect(post).toMatchObject({ url: "https://graph.microsoft.com/v1.0/deviceManagement/deviceCompliancePolicies", status: 201 });
    expect(post!.body).toEqual({
      ...declaredInV1,
      // Graph takes a compliance policy's scheduled actions inline on create only, without ids.
      scheduledActionsForRule: [
        {
          ruleName: "PasswordRequired",
          scheduledActionConfigurations: [
            {
              actionType: "block",
              gracePeriodHours: (compliance.scheduledActionsForRule as { scheduledActionConfigurations: { gracePeriodHours: number }[] }[])[0]!.scheduledActionConfigurations[0]!.gracePeriodHours,
              notificationTemplateId: "00000000-0000-0000-0000-000000000000",
              notificationMessageCCList: [],
            },
          ],
        },
      ],
    });

    // v1.0 cannot carry scope tags: an update leaves the tenant's tags alone, a re-created policy
    // lands in the Default scope tag (what ADR 013 says about backups taken through v1.0).
    expect(source.collections.deviceCompliancePolicies.get(compliance.id)?.roleScopeTagIds).toEqual(compliance.roleScopeTagIds);
    expect(sandbox.tenant(targetId).collections.deviceCompliancePolicies.get(recreated.id)?.roleScopeTagIds).toEqual(["0"]);
  });
});
