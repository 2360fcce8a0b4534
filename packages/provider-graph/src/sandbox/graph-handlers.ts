// Microsoft Graph resources the product's operations use, backed by per-tenant sandbox state.
import { http } from "msw";
import type { GraphEntity } from "./data/intune-policies";
import { graphEndpoint, type GraphCall, type GraphVersion } from "./graph-pipeline";
import { graphError, graphJson, listing, project } from "./odata";
import { policyWrites } from "./policy-writes";
import type { SandboxContext } from "./sandbox-context";
import type { SandboxCollection } from "./sandbox-tenant";

interface CollectionRoute {
  store: SandboxCollection;
  versions: readonly GraphVersion[];
  /** Properties only returned with $expand (and never in listings). */
  expandable?: string;
  writable: boolean;
}

const deviceManagementCollections: Readonly<Record<string, CollectionRoute>> = {
  deviceConfigurations: { store: "deviceConfigurations", versions: ["v1.0", "beta"], writable: true },
  deviceCompliancePolicies: { store: "deviceCompliancePolicies", versions: ["v1.0", "beta"], expandable: "scheduledActionsForRule", writable: true },
  configurationPolicies: { store: "configurationPolicies", versions: ["beta"], expandable: "settings", writable: true },
  managedDevices: { store: "managedDevices", versions: ["v1.0", "beta"], writable: false },
};

const segmentNotFound = (call: GraphCall, segment: string) =>
  graphError(400, "BadRequest", `Resource not found for the segment '${segment}'.`, call.ids);

/** The collection route for `:collection`, or an error response (unknown segment, wrong version). */
function collectionOf(call: GraphCall): CollectionRoute | Response {
  const name = call.params.collection ?? "";
  const route = deviceManagementCollections[name];
  if (!route || !route.versions.includes(call.version)) return segmentNotFound(call, name);
  return route;
}

function withoutExpandable(route: CollectionRoute) {
  return (entity: GraphEntity): GraphEntity => {
    if (!route.expandable || !(route.expandable in entity)) return entity;
    const { [route.expandable]: _expanded, ...rest } = entity;
    return rest as GraphEntity;
  };
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
        const expand = call.url.searchParams.get("$expand") ?? "";
        const shaped = route.expandable && expand.includes(route.expandable) ? entity : withoutExpandable(route)(entity);
        const select = call.url.searchParams.get("$select")?.split(",").map((field) => field.trim()).filter(Boolean);
        return graphJson(
          { "@odata.context": contextUrl(context, call, `deviceManagement/${call.params.collection}/$entity`), ...project(shaped, select) },
          call.ids,
        );
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
          defaultPageSize: context.pageSize,
          ids: call.ids,
          shape: withoutExpandable(route),
        });
      }),
    ),

    http.post(
      `${g}/:version/deviceManagement/:collection`,
      endpoint((call) => {
        const route = collectionOf(call);
        if (route instanceof Response) return route;
        if (!route.writable) return graphError(405, "MethodNotAllowed", "The collection does not support creating entities.", call.ids);
        return writes.create(call, route.store, withoutExpandable(route));
      }),
    ),

    http.patch(
      `${g}/:version/deviceManagement/:collection/:id`,
      endpoint((call) => {
        const route = collectionOf(call);
        if (route instanceof Response) return route;
        if (!route.writable) return graphError(405, "MethodNotAllowed", "The entity does not support updates in the sandbox.", call.ids);
        return writes.update(call, route.store, "merge");
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
        return writes.update(call, route.store, "replace");
      }),
    ),

    ...(["users", "groups"] as const).flatMap((collection) => [
      http.get(
        `${g}/:version/${collection}`,
        endpoint((call) =>
          listing({
            url: call.url,
            contextUrl: contextUrl(context, call, collection),
            entities: call.tenant.collections[collection].all(),
            defaultPageSize: context.pageSize,
            ids: call.ids,
          }),
        ),
      ),
      http.get(
        `${g}/:version/${collection}/:id`,
        endpoint((call) => {
          const entity = call.tenant.collections[collection].get(call.params.id ?? "");
          if (!entity) return graphError(404, "Request_ResourceNotFound", `Resource '${call.params.id}' does not exist or one of its queried reference-property objects are not present.`, call.ids);
          return graphJson({ "@odata.context": contextUrl(context, call, `${collection}/$entity`), ...entity }, call.ids);
        }),
      ),
    ]),

    http.get(
      `${g}/:version/servicePrincipals`,
      endpoint((call) =>
        listing({
          url: call.url,
          contextUrl: contextUrl(context, call, "servicePrincipals"),
          entities: call.tenant.servicePrincipals(),
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
