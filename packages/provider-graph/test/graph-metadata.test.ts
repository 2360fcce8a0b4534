// The sandbox is the product's only witness of Microsoft Graph, so it is held to Microsoft's
// published metadata (src/metadata/csdl-subset, see SOURCE.md) — not to our memory of it: every
// fixture, every response in every version the sandbox serves, every response the product's own
// calls receive, and every restore body the product builds or sends.
import { describe, expect, test } from "vitest";
import {
  getPolicy,
  getServicePrincipal,
  graphSchema,
  inlineNavigation,
  listAllPolicies,
  listGroups,
  listManagedDevices,
  listUsers,
  MetadataChecker,
  policyTypes,
  restorePolicy,
  writablePayload,
  type GraphClient,
  type GraphVersion,
  type PolicyType,
  type Violation,
  type WriteMethod,
} from "../src/index";
import { entityTypeOf, expandPaths, recordGraphExchanges, type GraphExchange } from "./graph-exchanges";
import { clientFor, clientId, clientSecret, newTenantId, useSandbox } from "./sandbox-harness";

const sandbox = useSandbox();
const recorder = recordGraphExchanges(sandbox);

const checkers: Record<GraphVersion, MetadataChecker> = {
  "v1.0": new MetadataChecker(graphSchema, "v1.0"),
  beta: new MetadataChecker(graphSchema, "beta"),
};

function readable(violations: readonly Violation[]): string[] {
  return violations.map((violation) => `${violation.path || "(body)"}: ${violation.message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const lineageOf = (version: GraphVersion, type: string) => graphSchema.lineage(version, type).map((entry) => entry.name);

/** What Microsoft's metadata says is wrong with one exchange's response and request bodies. */
function exchangeViolations(exchange: GraphExchange): string[] {
  const type = entityTypeOf(exchange.resourcePath);
  const where = `${exchange.method} /${exchange.version}/${exchange.resourcePath}${exchange.url.search}`;
  if (!type) return exchange.status < 300 ? [`${where}: answered, but no entity type is known for this path`] : [];
  const checker = checkers[exchange.version];
  const problems: string[] = [];
  if (exchange.requestBody !== undefined) {
    const method = exchange.method as WriteMethod;
    const body = checker.entity(type, exchange.requestBody, { write: true, inlineNavigation: inlineNavigation(lineageOf(exchange.version, type), method) });
    problems.push(...readable(body).map((problem) => `${where} request ${problem}`));
  }
  const response = exchange.responseBody;
  if (exchange.status >= 300 || !isObject(response)) return problems;
  const expand = expandPaths(exchange.url.searchParams.get("$expand"));
  const select = exchange.url.searchParams.get("$select")?.split(",").map((field) => field.trim());
  const entities = Array.isArray(response.value) ? (response.value as unknown[]) : [Object.fromEntries(Object.entries(response).filter(([key]) => key !== "@odata.context"))];
  entities.forEach((entity, index) => {
    const path = Array.isArray(response.value) ? `value[${index}]` : "";
    problems.push(...readable(checker.entity(type, entity, { inlineNavigation: expand }, path)).map((problem) => `${where} response ${problem}`));
    if (select && isObject(entity)) {
      const beyond = Object.keys(entity).filter((key) => !select.includes(key) && key !== "id" && key !== "@odata.type");
      if (beyond.length > 0) problems.push(`${where} response ${path}: answered ${beyond.join(", ")} beyond the $select`);
    }
  });
  return problems;
}

async function allExchangeViolations(): Promise<{ problems: string[]; exchanges: GraphExchange[] }> {
  const exchanges = await recorder.exchanges();
  return { problems: exchanges.flatMap(exchangeViolations), exchanges };
}

/** A tenant whose app is registered, so its service principal exists. */
function tenantWithApp(): { tenantId: string; client: GraphClient } {
  const tenantId = newTenantId();
  sandbox.tenant(tenantId).registerApp({ clientId, secret: clientSecret });
  return { tenantId, client: clientFor(tenantId) };
}

/** Where each collection's data lives and the version whose metadata describes all of it. */
const fixtureSets = [
  { store: "deviceConfigurations", type: "deviceConfiguration", version: "beta" },
  { store: "deviceCompliancePolicies", type: "deviceCompliancePolicy", version: "beta" },
  { store: "configurationPolicies", type: "deviceManagementConfigurationPolicy", version: "beta" },
  { store: "managedDevices", type: "managedDevice", version: "v1.0" },
  { store: "users", type: "user", version: "v1.0" },
  { store: "groups", type: "group", version: "v1.0" },
] as const;

/** Each policy family's collection type in Microsoft's metadata (this test's own knowledge). */
const policyEntityType: Record<PolicyType, string> = {
  deviceConfiguration: "deviceConfiguration",
  compliancePolicy: "deviceCompliancePolicy",
  settingsCatalog: "deviceManagementConfigurationPolicy",
};

/** The sandbox keeps expansions inline; they are navigation properties Graph returns on $expand. */
const storedExpansions = ["scheduledActionsForRule", "scheduledActionsForRule/scheduledActionConfigurations", "settings"];

describe("Microsoft's metadata", () => {
  test("every sandbox fixture holds only properties Microsoft declares for its type, with valid values and enum members", () => {
    const problems: string[] = [];
    let checked = 0;
    for (let round = 0; round < 3; round += 1) {
      const { tenantId } = tenantWithApp();
      const tenant = sandbox.tenant(tenantId);
      for (const set of fixtureSets) {
        for (const entity of tenant.collections[set.store].all()) {
          checked += 1;
          const violations = checkers[set.version].entity(set.type, entity, { inlineNavigation: storedExpansions });
          problems.push(...readable(violations).map((problem) => `${set.store} ${entity.id} (${set.version}): ${problem}`));
        }
      }
      for (const principal of tenant.servicePrincipals()) {
        checked += 1;
        problems.push(...readable(checkers["v1.0"].entity("servicePrincipal", principal)).map((problem) => `servicePrincipals: ${problem}`));
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(3 * 100);
  });

  test("every version the sandbox serves answers only what that version declares", async () => {
    const { client } = tenantWithApp();
    const served: [path: string, versions: GraphVersion[], expand?: string][] = [
      ["deviceManagement/deviceConfigurations", ["v1.0", "beta"]],
      ["deviceManagement/deviceCompliancePolicies", ["v1.0", "beta"], "scheduledActionsForRule($expand=scheduledActionConfigurations)"],
      ["deviceManagement/configurationPolicies", ["beta"], "settings"],
      ["deviceManagement/managedDevices", ["v1.0"]],
      ["users", ["v1.0"]],
      ["groups", ["v1.0"]],
    ];
    for (const [path, versions, expand] of served) {
      for (const version of versions) {
        const listed = await client.list(path, { version, query: { $top: 999 } });
        for (const item of listed.items as { id: string }[]) {
          await client.get(`${path}/${item.id}`, { version, ...(expand ? { query: { $expand: expand } } : {}) });
        }
      }
    }
    await client.list("servicePrincipals", { version: "v1.0" });
    const { problems, exchanges } = await allExchangeViolations();
    expect(problems).toEqual([]);
    expect(exchanges.filter((exchange) => exchange.version === "v1.0").length).toBeGreaterThan(50);
    expect(exchanges.filter((exchange) => exchange.version === "beta").length).toBeGreaterThan(20);
  });

  test("every response the product's calls receive, and every body it sends, is declared for that version", async () => {
    const { tenantId, client } = tenantWithApp();
    const policies = await listAllPolicies(client);
    const captured = [];
    for (const policy of policies.items) captured.push((await getPolicy(client, policy.policyType, policy.id))!);
    await listManagedDevices(client);
    await listUsers(client);
    await listGroups(client);
    await getServicePrincipal(client);

    // Restores: over the policy (update) and anew into another tenant (create), through the
    // version the product uses, and through v1.0 for payloads captured there (older backups).
    const elsewhere = tenantWithApp().client;
    for (const item of captured) {
      await restorePolicy(client, item.policyType, item.payload, { targetId: item.id });
      await restorePolicy(elsewhere, item.policyType, item.payload, { targetId: item.id });
    }
    for (const policyType of ["deviceConfiguration", "compliancePolicy"] as const) {
      const definition = policyTypes[policyType];
      const listed = await client.list(definition.collection, { version: "v1.0" });
      for (const item of listed.items as { id: string }[]) {
        const payload = (await client.get(`${definition.collection}/${item.id}`, {
          version: "v1.0",
          ...("expand" in definition ? { query: { $expand: definition.expand } } : {}),
        })) as Record<string, unknown>;
        await restorePolicy(client, policyType, payload, { targetId: item.id, version: "v1.0" });
        await restorePolicy(elsewhere, policyType, payload, { targetId: item.id, version: "v1.0" });
      }
    }

    const { problems, exchanges } = await allExchangeViolations();
    expect(problems).toEqual([]);
    const writes = exchanges.filter((exchange) => exchange.requestBody !== undefined);
    expect(writes.filter((exchange) => exchange.version === "v1.0" && exchange.status < 300).length).toBeGreaterThanOrEqual(2 * 18);
    expect(writes.filter((exchange) => exchange.version === "beta" && exchange.status < 300).length).toBeGreaterThanOrEqual(2 * 26);
    expect(sandbox.tenant(tenantId).requests.every((request) => request.status < 400)).toBe(true);
  });

  test("every restore body the product builds is declared for the version and method it is sent with", async () => {
    const { client } = tenantWithApp();
    const problems: string[] = [];
    let bodies = 0;
    const check = (policyType: PolicyType, payload: Record<string, unknown>, version: GraphVersion, method: WriteMethod) => {
      const entityType = policyEntityType[policyType];
      const body = writablePayload(payload, { version, type: policyTypes[policyType].entityType, method });
      bodies += 1;
      const violations = checkers[version].entity(entityType, body, { write: true, inlineNavigation: inlineNavigation(lineageOf(version, entityType), method) });
      problems.push(...readable(violations).map((problem) => `${policyType} ${String(payload.id)} → ${method} ${version}: ${problem}`));
      return body;
    };
    for (const policy of (await listAllPolicies(client)).items) {
      const captured = (await getPolicy(client, policy.policyType, policy.id))!;
      const { version, updateMethod } = policyTypes[policy.policyType];
      for (const method of ["POST", updateMethod] as const) {
        const body = check(policy.policyType, captured.payload, version, method);
        // Nothing the version declares is lost on the way: the scope tags travel with the policy.
        expect(body.roleScopeTagIds).toEqual(captured.payload.roleScopeTagIds);
        if (policy.policyType !== "settingsCatalog") check(policy.policyType, captured.payload, "v1.0", method);
      }
    }
    expect(problems).toEqual([]);
    expect(bodies).toBe(18 * 4 + 8 * 2);
  });
});
