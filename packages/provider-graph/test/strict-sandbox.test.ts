// Where Graph says no, the sandbox says no, in Graph's words: a write with a property the version
// does not declare, a read-only or navigation property in a body, an unknown enum member, a
// $select or $expand of a name the type does not have. And each version shows only its own
// properties of the same policy.
import { describe, expect, test } from "vitest";
import { isProviderError, type GraphClient } from "../src/index";
import { clientFor, newTenantId, useSandbox } from "./sandbox-harness";

const sandbox = useSandbox();

/** Graph's raw answer (status, body) for a request with the client's own token. */
async function raw(client: GraphClient, method: string, url: string, body?: unknown) {
  const { token } = await client.accessToken();
  const response = await fetch(`https://graph.microsoft.com/${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "client-request-id": "5f0c1c2e-0000-4000-8000-000000000001" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as Record<string, { code: string; message: string; innerError: Record<string, string> }>) };
}

function tenant() {
  const tenantId = newTenantId();
  const state = sandbox.tenant(tenantId);
  const [configuration] = state.collections.deviceConfigurations.all();
  const compliance = state.collections.deviceCompliancePolicies.all().find((policy) => policy["@odata.type"] === "#microsoft.graph.windows10CompliancePolicy");
  return { state, client: clientFor(tenantId), configuration: configuration!, compliance: compliance! };
}

const windowsRestrictions = { "@odata.type": "#microsoft.graph.windows10GeneralConfiguration", displayName: "Restored" };

describe("writes Graph refuses are refused, with Graph's error body", () => {
  test("a property the version does not declare: 400 ModelValidationFailure naming it (scope tags on v1.0)", async () => {
    const { client, state } = tenant();
    const before = state.collections.deviceConfigurations.size;
    const answer = await raw(client, "POST", "v1.0/deviceManagement/deviceConfigurations", { ...windowsRestrictions, roleScopeTagIds: ["0", "2"] });
    const message =
      "The property 'roleScopeTagIds' does not exist on type 'microsoft.management.services.api.windows10GeneralConfiguration'. Make sure to only use property names that are defined by the type.";
    expect(answer).toEqual({
      status: 400,
      body: {
        error: {
          code: "ModelValidationFailure",
          message,
          innerError: { message, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/), "request-id": expect.any(String), "client-request-id": "5f0c1c2e-0000-4000-8000-000000000001" },
        },
      },
    });
    expect(state.collections.deviceConfigurations.size).toBe(before);

    // The client maps it as it maps any 400: internal_error, with Graph's code and words.
    const error = await client.post("deviceManagement/deviceConfigurations", { ...windowsRestrictions, roleScopeTagIds: ["0"] }).catch((caught: unknown) => caught);
    expect(isProviderError(error) && error).toMatchObject({ reason: "internal_error", status: 400, graphCode: "ModelValidationFailure", transient: false });
    expect((error as Error).message).toContain("'roleScopeTagIds' does not exist");
    // The same body is fine in beta, where scope tags are declared.
    await expect(client.post("deviceManagement/deviceConfigurations", { ...windowsRestrictions, roleScopeTagIds: ["0", "2"] }, { version: "beta" })).resolves.toMatchObject({
      roleScopeTagIds: ["0", "2"],
    });
  });

  test("a beta-only setting patched through v1.0 is refused and changes nothing", async () => {
    const { client, state, compliance } = tenant();
    const answer = await raw(client, "PATCH", `v1.0/deviceManagement/deviceCompliancePolicies/${compliance.id}`, {
      "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
      defenderEnabled: false,
    });
    expect(answer.status).toBe(400);
    expect(answer.body?.error).toMatchObject({ code: "ModelValidationFailure", message: expect.stringContaining("'defenderEnabled' does not exist on type 'microsoft.management.services.api.windows10CompliancePolicy'") });
    expect(state.collections.deviceCompliancePolicies.get(compliance.id)).toEqual(compliance);
  });

  test("read-only and navigation properties, unknown types and enum members are refused", async () => {
    const { client, compliance } = tenant();
    const readOnly = await raw(client, "POST", "beta/deviceManagement/deviceConfigurations", { ...windowsRestrictions, createdDateTime: "2026-01-01T00:00:00Z" });
    expect(readOnly.body?.error).toMatchObject({ code: "ModelValidationFailure", message: expect.stringContaining("'createdDateTime'") });
    const navigation = await raw(client, "PATCH", `beta/deviceManagement/deviceCompliancePolicies/${compliance.id}`, {
      "@odata.type": compliance["@odata.type"],
      scheduledActionsForRule: [],
    });
    expect(navigation).toMatchObject({ status: 400, body: { error: { code: "ModelValidationFailure", message: expect.stringContaining("'scheduledActionsForRule'") } } });
    const unknownType = await raw(client, "POST", "beta/deviceManagement/deviceConfigurations", { "@odata.type": "#microsoft.graph.windows10TeaPotConfiguration", displayName: "x" });
    expect(unknownType).toMatchObject({ status: 400, body: { error: { code: "BadRequest", message: expect.stringContaining("A type named 'microsoft.graph.windows10TeaPotConfiguration' could not be resolved by the model") } } });
    const enumMember = await raw(client, "POST", "v1.0/deviceManagement/deviceConfigurations", { ...windowsRestrictions, passwordRequiredType: "emoji" });
    expect(enumMember).toMatchObject({ status: 400, body: { error: { code: "BadRequest", message: expect.stringContaining("'emoji' is not a member of microsoft.graph.requiredPasswordType") } } });
    const abstract = await raw(client, "POST", "v1.0/deviceManagement/deviceConfigurations", { displayName: "No type" });
    expect(abstract).toMatchObject({ status: 400, body: { error: { code: "BadRequest", message: "Cannot create an abstract class." } } });
  });
});

describe("queries Graph cannot answer are 400s, with Graph's error body", () => {
  test("$select of a property the type does not declare", async () => {
    const { client } = tenant();
    const answer = await raw(client, "GET", "v1.0/users?$select=id,displayNme");
    expect(answer).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "BadRequest",
          message: "Parsing OData Select and Expand failed: Could not find a property named 'displayNme' on type 'microsoft.graph.user'.",
          innerError: { "request-id": expect.any(String), "client-request-id": "5f0c1c2e-0000-4000-8000-000000000001" },
        },
      },
    });
    const error = await client.list("deviceManagement/managedDevices", { query: { $select: "id,complianceStatus" } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: "internal_error", status: 400, graphCode: "BadRequest" });
  });

  test("$select of a beta-only property on v1.0 is a 400; on beta it is answered", async () => {
    const { client, configuration } = tenant();
    const onV1 = await raw(client, "GET", "v1.0/deviceManagement/deviceConfigurations?$select=id,roleScopeTagIds");
    expect(onV1.body?.error?.message).toBe(
      "Parsing OData Select and Expand failed: Could not find a property named 'roleScopeTagIds' on type 'microsoft.graph.deviceConfiguration'.",
    );
    const onBeta = await client.get(`deviceManagement/deviceConfigurations/${configuration.id}`, { version: "beta", query: { $select: "id,roleScopeTagIds" } });
    expect(onBeta).toEqual({
      "@odata.context": expect.any(String),
      id: configuration.id,
      "@odata.type": configuration["@odata.type"],
      roleScopeTagIds: configuration.roleScopeTagIds,
    });
  });

  test("$expand and $filter of names the type does not have", async () => {
    const { client, compliance } = tenant();
    const expand = await raw(client, "GET", `beta/deviceManagement/deviceCompliancePolicies/${compliance.id}?$expand=scheduledActions`);
    expect(expand.body?.error).toMatchObject({ code: "BadRequest", message: expect.stringContaining("Could not find a property named 'scheduledActions' on type 'microsoft.graph.deviceCompliancePolicy'") });
    const nested = await raw(client, "GET", `beta/deviceManagement/deviceCompliancePolicies/${compliance.id}?$expand=scheduledActionsForRule($expand=actions)`);
    expect(nested.body?.error?.message).toContain("named 'actions' on type 'microsoft.graph.deviceComplianceScheduledActionForRule'");
    const filter = await raw(client, "GET", "v1.0/servicePrincipals?$filter=applicationId eq 'x'");
    expect(filter).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining("'applicationId'") } } });
  });
});

describe("each version shows what it declares of the same policy", () => {
  test("scope tags and beta-only settings are in beta answers and absent from v1.0 answers", async () => {
    const { client, configuration, compliance } = tenant();
    const v1 = (await client.get(`deviceManagement/deviceConfigurations/${configuration.id}`)) as Record<string, unknown>;
    const beta = (await client.get(`deviceManagement/deviceConfigurations/${configuration.id}`, { version: "beta" })) as Record<string, unknown>;
    expect(v1).not.toHaveProperty("roleScopeTagIds");
    expect(v1).not.toHaveProperty("supportsScopeTags");
    expect(beta).toMatchObject({ roleScopeTagIds: configuration.roleScopeTagIds, supportsScopeTags: true });
    expect(v1.displayName).toBe(beta.displayName);

    const complianceV1 = (await client.get(`deviceManagement/deviceCompliancePolicies/${compliance.id}`)) as Record<string, unknown>;
    const complianceBeta = (await client.get(`deviceManagement/deviceCompliancePolicies/${compliance.id}`, { version: "beta" })) as Record<string, unknown>;
    expect(complianceV1).not.toHaveProperty("defenderEnabled");
    expect(complianceBeta).toHaveProperty("defenderEnabled", true);
    // Navigation properties only when expanded, in both versions.
    expect(complianceBeta).not.toHaveProperty("scheduledActionsForRule");
  });

  test("a PATCH through v1.0 leaves what only beta shows (scope tags) as it was", async () => {
    const { client, state, configuration } = tenant();
    await client.patch(`deviceManagement/deviceConfigurations/${configuration.id}`, { "@odata.type": configuration["@odata.type"], displayName: "Renamed via v1.0" });
    expect(state.collections.deviceConfigurations.get(configuration.id)).toMatchObject({ displayName: "Renamed via v1.0", roleScopeTagIds: configuration.roleScopeTagIds });
  });

  test("collections the sandbox holds no metadata for in a version are not guessed at", async () => {
    const { client } = tenant();
    const answer = await raw(client, "GET", "beta/users");
    expect(answer).toMatchObject({ status: 400, body: { error: { code: "BadRequest", message: "Resource not found for the segment 'users'." } } });
  });
});
