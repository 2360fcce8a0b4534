// Restore writes: creating and updating Intune policies mutates the tenant's state, so later
// reads (and the next inventory sync) see the change. Bodies are judged like Graph judges them,
// against Microsoft's metadata for the version written to (ADR 014).
import { randomUUID } from "node:crypto";
import { inlineNavigation, type WriteMethod } from "../metadata/deep-insert";
import { graphSchema } from "../metadata/graph-schema";
import { MetadataChecker, type Violation } from "../metadata/value-violations";
import type { GraphEntity } from "./data/intune-policies";
import type { CollectionRoute } from "./graph-handlers";
import type { GraphCall } from "./graph-pipeline";
import { graphError, graphHeaders, graphJson, type RequestIds } from "./odata";
import type { SandboxContext } from "./sandbox-context";
import { versionView } from "./version-view";

type Body = Record<string, unknown>;

async function readBody(request: Request): Promise<Body | undefined> {
  try {
    const parsed: unknown = await request.json();
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Body) : undefined;
  } catch {
    return undefined;
  }
}

/** Intune names its own CLR types in these messages (microsoft.management.services.api.*). */
const intuneType = (qualified: string) => qualified.replace(/^microsoft\.graph\./, "microsoft.management.services.api.");

/** Graph's answer to the first thing wrong with a body, in the words Graph uses for it. */
function rejection(violation: Violation, ids: RequestIds): Response {
  const modelValidation = (message: string) => graphError(400, "ModelValidationFailure", message, ids, { innerErrorMessage: message });
  switch (violation.kind) {
    case "undeclared-property":
      return modelValidation(
        `The property '${violation.property ?? violation.path}' does not exist on type '${intuneType(violation.type)}'. Make sure to only use property names that are defined by the type.`,
      );
    case "read-only-property":
      return modelValidation(`The property '${violation.property}' on type '${intuneType(violation.type)}' is read-only and cannot be written.`);
    case "navigation-property":
      return modelValidation(`The navigation property '${violation.property}' on type '${intuneType(violation.type)}' cannot be written in this request.`);
    case "abstract-type":
      return graphError(400, "BadRequest", "Cannot create an abstract class.", ids);
    case "unknown-type":
      return graphError(400, "BadRequest", `${violation.message} When a model is available, each type name must resolve to a valid type.`, ids);
    case "not-derived":
    case "invalid-value":
      return graphError(400, "BadRequest", violation.message, ids);
    case "not-in-subset":
      return graphError(400, "BadRequest", `The sandbox holds no metadata for this: ${violation.message}`, ids);
  }
}

/** Checks Graph makes beyond the metadata: what a policy must contain to be created or replaced. */
function requiredContentProblem(route: CollectionRoute, body: Body): string | undefined {
  if (route.store === "configurationPolicies") {
    if (typeof body.name !== "string" || body.name === "") return "The property 'name' is required.";
    if (typeof body.platforms !== "string" || typeof body.technologies !== "string") return "The properties 'platforms' and 'technologies' are required.";
    if (!Array.isArray(body.settings)) return "The property 'settings' must be an array of settings.";
    return undefined;
  }
  if (typeof body.displayName !== "string" || body.displayName === "") return "The property 'displayName' is required.";
  if (route.store === "deviceCompliancePolicies" && (!Array.isArray(body.scheduledActionsForRule) || body.scheduledActionsForRule.length === 0)) {
    return "A compliance policy must contain at least one scheduled action for rule (the block action).";
  }
  return undefined;
}

function judged(call: GraphCall, route: CollectionRoute, body: Body, method: WriteMethod): Response | undefined {
  const lineage = graphSchema.lineage(call.version, route.type).map((type) => type.name);
  const [first] = new MetadataChecker(graphSchema, call.version).entity(route.type, body, {
    write: true,
    inlineNavigation: inlineNavigation(lineage, method),
  });
  return first ? rejection(first, call.ids) : undefined;
}

/** Inline entities get the ids Graph assigns them (settings are numbered, the others get GUIDs). */
function withNestedIds(route: CollectionRoute, body: Body): Body {
  if (route.store === "configurationPolicies" && Array.isArray(body.settings)) {
    return { ...body, settings: body.settings.map((setting: Body, index) => ({ ...setting, id: String(index) })) };
  }
  if (route.store === "deviceCompliancePolicies" && Array.isArray(body.scheduledActionsForRule)) {
    return {
      ...body,
      scheduledActionsForRule: body.scheduledActionsForRule.map((rule: Body) => ({
        ...rule,
        id: randomUUID(),
        ...(Array.isArray(rule.scheduledActionConfigurations)
          ? { scheduledActionConfigurations: rule.scheduledActionConfigurations.map((action: Body) => ({ ...action, id: randomUUID() })) }
          : {}),
      })),
    };
  }
  return body;
}

/** What Graph fills in when a body leaves it out: the default scope tag, scope-tag support. */
function serverDefaults(route: CollectionRoute, entity: Body): Body {
  return {
    ...(entity.roleScopeTagIds === undefined ? { roleScopeTagIds: ["0"] } : {}),
    ...(route.store === "deviceConfigurations" && entity.supportsScopeTags === undefined ? { supportsScopeTags: true } : {}),
  };
}

export function policyWrites(context: SandboxContext) {
  const metadata = (call: GraphCall) => `${context.graphOrigin}/${call.version}/$metadata#deviceManagement/${call.params.collection}/$entity`;

  return {
    async create(call: GraphCall, route: CollectionRoute): Promise<Response> {
      const body = await readBody(call.request);
      if (!body) return graphError(400, "BadRequest", "The request body is not a JSON object.", call.ids);
      const refused = judged(call, route, body, "POST");
      if (refused) return refused;
      const missing = requiredContentProblem(route, body);
      if (missing) return graphError(400, "BadRequest", missing, call.ids);
      const now = new Date().toISOString();
      const written = withNestedIds(route, body);
      const entity: GraphEntity = {
        ...written,
        ...serverDefaults(route, written),
        id: call.tenant.newId(),
        createdDateTime: now,
        lastModifiedDateTime: now,
        ...(route.store === "configurationPolicies"
          ? { settingCount: (body.settings as unknown[]).length, isAssigned: false }
          : { version: 1 }),
      };
      call.tenant.collections[route.store].put(entity);
      // Graph answers a create with the entity as the version written to shows it.
      return graphJson({ "@odata.context": metadata(call), ...versionView(call.version, route.type, entity) }, call.ids, 201);
    },

    async update(call: GraphCall, route: CollectionRoute, method: "PATCH" | "PUT"): Promise<Response> {
      const existing = call.tenant.collections[route.store].get(call.params.id ?? "");
      if (!existing) return graphError(404, "ResourceNotFound", "The requested resource does not exist.", call.ids);
      const body = await readBody(call.request);
      if (!body) return graphError(400, "BadRequest", "The request body is not a JSON object.", call.ids);
      if (body["@odata.type"] !== undefined && body["@odata.type"] !== existing["@odata.type"]) {
        return graphError(400, "BadRequest", "The @odata.type of an existing entity cannot be changed.", call.ids);
      }
      const refused = judged(call, route, body, method);
      if (refused) return refused;
      if (method === "PUT") {
        const missing = requiredContentProblem(route, body);
        if (missing) return graphError(400, "BadRequest", missing, call.ids);
      }
      // PATCH merges into the stored state (properties another version shows stay as they are);
      // PUT replaces it, and what the body leaves out takes Graph's defaults.
      const written = withNestedIds(route, body);
      const base = method === "PATCH" ? existing : { ...serverDefaults(route, written), ...("@odata.type" in existing ? { "@odata.type": existing["@odata.type"] } : {}) };
      const updated: GraphEntity = {
        ...base,
        ...written,
        id: existing.id,
        createdDateTime: existing.createdDateTime,
        lastModifiedDateTime: new Date().toISOString(),
        ...(typeof existing.version === "number" ? { version: existing.version + 1 } : {}),
        ...(Array.isArray(written.settings) ? { settingCount: written.settings.length } : {}),
        ...(route.store === "configurationPolicies" ? { isAssigned: existing.isAssigned ?? false } : {}),
      };
      call.tenant.collections[route.store].put(updated);
      return new Response(null, { status: 204, headers: graphHeaders(call.ids) });
    },
  };
}
