// Restore writes: creating and updating Intune policies mutates the tenant's state, so later
// reads (and the next inventory sync) see the change.
import type { GraphEntity } from "./data/intune-policies";
import type { GraphCall } from "./graph-pipeline";
import { graphError, graphJson } from "./odata";
import type { SandboxContext } from "./sandbox-context";
import type { SandboxCollection } from "./sandbox-tenant";

type Body = Record<string, unknown>;

const serverManaged = ["id", "createdDateTime", "lastModifiedDateTime", "version", "settingCount", "@odata.context"];

function stripServerManaged(body: Body): Body {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !serverManaged.includes(key)));
}

async function readBody(request: Request): Promise<Body | undefined> {
  try {
    const parsed: unknown = await request.json();
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Body) : undefined;
  } catch {
    return undefined;
  }
}

/** Graph's validation of a full policy body; undefined when it is acceptable. */
function validationError(store: SandboxCollection, body: Body): string | undefined {
  if (store === "configurationPolicies") {
    if (typeof body.name !== "string" || body.name === "") return "The property 'name' is required.";
    if (typeof body.platforms !== "string" || typeof body.technologies !== "string") return "The properties 'platforms' and 'technologies' are required.";
    if (!Array.isArray(body.settings)) return "The property 'settings' must be an array of settings.";
    return undefined;
  }
  // deviceConfiguration and deviceCompliancePolicy are abstract: the concrete type is required.
  if (typeof body["@odata.type"] !== "string" || !body["@odata.type"].startsWith("#microsoft.graph.")) return "Cannot create an abstract class.";
  if (typeof body.displayName !== "string" || body.displayName === "") return "The property 'displayName' is required.";
  if (store === "deviceCompliancePolicies" && (!Array.isArray(body.scheduledActionsForRule) || body.scheduledActionsForRule.length === 0)) {
    return "A compliance policy must contain at least one scheduled action for rule (the block action).";
  }
  return undefined;
}

export function policyWrites(context: SandboxContext) {
  const metadata = (call: GraphCall) => `${context.graphOrigin}/${call.version}/$metadata#deviceManagement/${call.params.collection}/$entity`;

  return {
    async create(call: GraphCall, store: SandboxCollection, shape: (entity: GraphEntity) => GraphEntity): Promise<Response> {
      const body = await readBody(call.request);
      if (!body) return graphError(400, "BadRequest", "The request body is not a JSON object.", call.ids);
      const invalid = validationError(store, body);
      if (invalid) return graphError(400, "BadRequest", invalid, call.ids);
      const now = new Date().toISOString();
      const entity: GraphEntity = {
        ...stripServerManaged(body),
        id: call.tenant.newId(),
        createdDateTime: now,
        lastModifiedDateTime: now,
        ...(store === "configurationPolicies"
          ? { settingCount: (body.settings as unknown[]).length, roleScopeTagIds: body.roleScopeTagIds ?? ["0"] }
          : { version: 1, roleScopeTagIds: body.roleScopeTagIds ?? ["0"] }),
      };
      call.tenant.collections[store].put(entity);
      return graphJson({ "@odata.context": metadata(call), ...shape(entity) }, call.ids, 201);
    },

    async update(call: GraphCall, store: SandboxCollection, mode: "merge" | "replace"): Promise<Response> {
      const existing = call.tenant.collections[store].get(call.params.id ?? "");
      if (!existing) return graphError(404, "ResourceNotFound", "The requested resource does not exist.", call.ids);
      const body = await readBody(call.request);
      if (!body) return graphError(400, "BadRequest", "The request body is not a JSON object.", call.ids);
      if (body["@odata.type"] !== undefined && body["@odata.type"] !== existing["@odata.type"]) {
        return graphError(400, "BadRequest", "The @odata.type of an existing entity cannot be changed.", call.ids);
      }
      if (mode === "replace") {
        const invalid = validationError(store, body);
        if (invalid) return graphError(400, "BadRequest", invalid, call.ids);
      }
      const base = mode === "merge" ? existing : { id: existing.id, createdDateTime: existing.createdDateTime };
      const updated: GraphEntity = {
        ...base,
        ...stripServerManaged(body),
        id: existing.id,
        createdDateTime: existing.createdDateTime,
        lastModifiedDateTime: new Date().toISOString(),
        ...(typeof existing.version === "number" ? { version: existing.version + 1 } : {}),
        ...(Array.isArray(body.settings) ? { settingCount: body.settings.length } : {}),
      };
      call.tenant.collections[store].put(updated);
      return new Response(null, { status: 204, headers: { "request-id": call.ids.requestId, ...(call.ids.clientRequestId ? { "client-request-id": call.ids.clientRequestId } : {}) } });
    },
  };
}
