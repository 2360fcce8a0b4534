// Microsoft Graph resources the product's operations use, backed by per-tenant sandbox state. What
// each version answers and accepts follows Microsoft's metadata (src/metadata, ADR 014).
import { http } from "msw";
import type { GraphEntity } from "./data/intune-policies";
import { graphEndpoint, type GraphCall, type GraphVersion } from "./graph-pipeline";
import { entityResponseBody, graphError, graphJson, listing } from "./odata";
import { policyWrites } from "./policy-writes";
import type { SandboxContext } from "./sandbox-context";
import type { SandboxCollection } from "./sandbox-tenant";

export interface CollectionRoute {
  store: SandboxCollection;
  /** The members' type in Microsoft's metadata: what each version shows and accepts. */
  type: string;
  /**
   * The versions whose metadata the sandbox holds for this type (src/metadata/csdl-subset). It
   * answers only those: an answer in a version it cannot describe would be a guess.
   */
  versions: readonly GraphVersion[];
  writable: boolean;
}

const deviceManagementCollections: Readonly<Record<string, CollectionRoute>> = {
  deviceConfigurations: { store: "deviceConfigurations", type: "deviceConfiguration", versions: ["v1.0", "beta"], writable: true },
  deviceCompliancePolicies: { store: "deviceCompliancePolicies", type: "deviceCompliancePolicy", versions: ["v1.0", "beta"], writable: true },
  configurationPolicies: { store: "configurationPolicies", type: "deviceManagementConfigurationPolicy", versions: ["beta"], writable: true },
  managedDevices: { store: "managedDevices", type: "managedDevice", versions: ["v1.0"], writable: false },
};

const directoryCollections = { users: "user", groups: "group" } as const;

const segmentNotFound = (call: GraphCall, segment: string) =>
  graphError(400, "BadRequest", `Resource not found for the segment '${segment}'.`, call.ids);

/** The collection route for `:collection`, or an error response (unknown segment, wrong version). */
function collectionOf(call: GraphCall): CollectionRoute | Response {
  const name = call.params.collection ?? "";
  const route = deviceManagementCollections[name];
  if (!route || !route.versions.includes(call.version)) return segmentNotFound(call, name);
  return route;
}

function contextUrl(context: SandboxContext, call: GraphCall, path: string): string {
  return `${context.graphOrigin}/${call.version}/$metadata#${path}`;
}

export function graphHandlers(context: SandboxContext) {
  const g = context.graphOrigin;
  const endpoint = (route: Parameters<typeof graphEndpoint>[1]) => graphEndpoint(context, route);
  const writes = policyWrites(context);

  return [
    http.get(
      `${g}/:version/deviceManagement/configurationPolicies/:id/settings`,
      endpoint((call) => {
        if (call.version !== "beta") return segmentNotFound(call, "configurationPolicies");
        const policy = call.tenant.collections.configurationPolicies.get(call.params.id ?? "");
        if (!policy) return graphError(404, "ResourceNotFound", "The requested configuration policy does not exist.", call.ids);
        const settings = Array.isArray(policy.settings) ? (policy.settings as GraphEntity[]) : [];
        return listing({
          url: call.url,
          contextUrl: contextUrl(context, call, `deviceManagement/configurationPolicies('${policy.id}')/settings`),
          entities: settings,
          entitySet: { version: call.version, type: "deviceManagementConfigurationSetting" },
          defaultPageSize: context.pageSize,
          ids: call.ids,
        });
      }),
    ),

    http.get(
      `${g}/:version/deviceManagement/:collection/:id`,
      endpoint((call) => {
        const route = collectionOf(call);
        if (route instanceof Response) return route;
        const entity = call.tenant.collections[route.store].get(call.params.id ?? "");
        if (!entity) return graphError(404, "ResourceNotFound", "The requested resource does not exist.", call.ids);
        const answer = entityResponseBody(entity, { version: call.version, type: route.type }, call.url.searchParams, call.ids);
        if ("error" in answer) return answer.error;
        return graphJson({ "@odata.context": contextUrl(context, call, `deviceManagement/${call.params.collection}/$entity`), ...answer.body }, call.ids);
      }),
    ),

    http.get(
      `${g}/:version/deviceManagement/:collection`,
      endpoint((call) => {
        const route = collectionOf(call);
        if (route instanceof Response) return route;
        return listing({
          url: call.url,
          contextUrl: contextUrl(context, call, `deviceManagement/${call.params.collection}`),
          entities: call.tenant.collections[route.store].all(),
          entitySet: { version: call.version, type: route.type },
          defaultPageSize: context.pageSize,
          ids: call.ids,
        });
      }),
    ),

    http.post(
      `${g}/:version/deviceManagement/:collection`,
      endpoint((call) => {
        const route = collectionOf(call);
        if (route instanceof Response) return route;
        if (!route.writable) return graphError(405, "MethodNotAllowed", "The collection does not support creating entities.", call.ids);
        return writes.create(call, route);
      }),
    ),

    http.patch(
      `${g}/:version/deviceManagement/:collection/:id`,
      endpoint((call) => {
        const route = collectionOf(call);
        if (route instanceof Response) return route;
        if (!route.writable) return graphError(405, "MethodNotAllowed", "The entity does not support updates in the sandbox.", call.ids);
        return writes.update(call, route, "PATCH");
      }),
    ),

    http.put(
      `${g}/:version/deviceManagement/:collection/:id`,
      endpoint((call) => {
        const route = collectionOf(call);
        if (route instanceof Response) return route;
        if (route.store !== "configurationPolicies") {
          return graphError(405, "MethodNotAllowed", "PUT is only supported for settings catalog policies.", call.ids);
        }
        return writes.update(call, route, "PUT");
      }),
    ),

    ...(["users", "groups"] as const).flatMap((collection) => [
      http.get(
        `${g}/:version/${collection}`,
        endpoint((call) =>
          call.version !== "v1.0"
            ? segmentNotFound(call, collection)
            : listing({
                url: call.url,
                contextUrl: contextUrl(context, call, collection),
                entities: call.tenant.collections[collection].all(),
                entitySet: { version: call.version, type: directoryCollections[collection] },
                defaultPageSize: context.pageSize,
                ids: call.ids,
              }),
        ),
      ),
      http.get(
        `${g}/:version/${collection}/:id`,
        endpoint((call) => {
          if (call.version !== "v1.0") return segmentNotFound(call, collection);
          const entity = call.tenant.collections[collection].get(call.params.id ?? "");
          if (!entity) return graphError(404, "Request_ResourceNotFound", `Resource '${call.params.id}' does not exist or one of its queried reference-property objects are not present.`, call.ids);
          const answer = entityResponseBody(entity, { version: call.version, type: directoryCollections[collection] }, call.url.searchParams, call.ids);
          if ("error" in answer) return answer.error;
          return graphJson({ "@odata.context": contextUrl(context, call, `${collection}/$entity`), ...answer.body }, call.ids);
        }),
      ),
    ]),

    http.get(
      `${g}/:version/servicePrincipals`,
      endpoint((call) =>
        call.version !== "v1.0"
          ? segmentNotFound(call, "servicePrincipals")
          : listing({
              url: call.url,
              contextUrl: contextUrl(context, call, "servicePrincipals"),
              entities: call.tenant.servicePrincipals(),
              entitySet: { version: call.version, type: "servicePrincipal" },
              defaultPageSize: context.pageSize,
              ids: call.ids,
            }),
      ),
    ),

    // Anything else on the Graph host answers like Graph does for an unknown segment, so a
    // typo in a client path is a visible 400, not an msw "unhandled request".
    http.all(
      `${g}/*`,
      endpoint((call) => segmentNotFound(call, call.resourcePath.split("/").pop() ?? call.resourcePath)),
    ),
  ];
}
