// What Graph does before any resource logic: authenticate the bearer token, apply the
// tenant's fault knobs, and authorize the call against the token's roles.
import { randomUUID } from "node:crypto";
import { delay, type HttpResponseResolver } from "msw";
import { acceptedPermissions, accessForMethod, grantsPermission, permissionForEndpoint } from "../permissions";
import { graphError, type RequestIds } from "./odata";
import type { SandboxContext } from "./sandbox-context";
import type { SandboxTenant } from "./sandbox-tenant";

import { isGraphVersion, type GraphVersion } from "../client/graph-urls";

export type { GraphVersion };

export interface GraphCall {
  request: Request;
  url: URL;
  params: Record<string, string>;
  version: GraphVersion;
  /** Path after the version segment, e.g. `deviceManagement/deviceConfigurations/{id}`. */
  resourcePath: string;
  tenant: SandboxTenant;
  ids: RequestIds;
}

export type GraphRoute = (call: GraphCall) => Response | Promise<Response>;

const writeMethods = new Set(["POST", "PATCH", "PUT"]);

function deniedMessage(resourcePath: string, required: string, url: string, ids: RequestIds): { code: string; message: string } {
  if (resourcePath.startsWith("deviceManagement/")) {
    // Intune's wording, which names the acceptable scopes.
    return {
      code: "Forbidden",
      message: `Application is not authorized to perform this operation. Application must have one of the following scopes: ${acceptedPermissions(required).join(", ")} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${ids.requestId} - Url: ${url}`,
    };
  }
  return { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." };
}

export function graphEndpoint(context: SandboxContext, route: GraphRoute): HttpResponseResolver {
  return async ({ request, params }) => {
    const ids: RequestIds = { requestId: randomUUID(), clientRequestId: request.headers.get("client-request-id") };
    const url = new URL(request.url);
    // Graph write bodies hold policy content, never credentials: kept so tests can see what was sent.
    const sentBody = writeMethods.has(request.method) ? await request.clone().json().catch(() => undefined) : undefined;
    const finish = (response: Response, tenant?: SandboxTenant): Response => {
      context.record(
        {
          kind: "graph",
          method: request.method,
          url: request.url,
          status: response.status,
          ...(tenant ? { tenantId: tenant.tenantId } : {}),
          ...(sentBody === undefined ? {} : { body: sentBody as unknown }),
        },
        tenant,
      );
      return response;
    };

    const segment = /^\/([^/]+)\//.exec(url.pathname)?.[1];
    const version = segment !== undefined && isGraphVersion(segment) ? segment : undefined;
    if (!version) return finish(graphError(400, "BadRequest", "Invalid version: the path must start with /v1.0/ or /beta/.", ids));
    const resourcePath = decodeURIComponent(url.pathname.slice(version.length + 2));

    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    const verification = bearer
      ? context.tokens.verify(bearer, context.graphOrigin, (tenantId, clientId) => context.tenantFor(tenantId)?.app(clientId)?.generation)
      : ({ ok: false, message: "Access token is empty." } as const);
    if (!verification.ok) return finish(graphError(401, "InvalidAuthenticationToken", verification.message, ids));
    const tenant = context.tenantFor(verification.tenantId);
    if (!tenant) return finish(graphError(401, "InvalidAuthenticationToken", "Unknown tenant.", ids));

    if (tenant.responseDelayMs > 0) await delay(tenant.responseDelayMs);
    const fault = tenant.takeGraphFault();
    // Graph's 503 and 429 both say when to come back (Retry-After); the client honours either.
    if (fault?.kind === "outage") {
      return finish(
        graphError(503, "serviceNotAvailable", "The service is temporarily unavailable. Please retry later.", ids, {
          headers: { "Retry-After": String(fault.retryAfterSeconds) },
        }),
        tenant,
      );
    }
    if (fault?.kind === "throttle") {
      return finish(
        graphError(429, "TooManyRequests", "Too many requests. Retry after the interval given in the Retry-After header.", ids, {
          headers: { "Retry-After": String(fault.retryAfterSeconds) },
        }),
        tenant,
      );
    }

    const required = permissionForEndpoint(resourcePath, accessForMethod(request.method));
    if (required && !grantsPermission(verification.roles, required)) {
      const denied = deniedMessage(resourcePath, required, request.url, ids);
      return finish(graphError(403, denied.code, denied.message, ids), tenant);
    }

    const stringParams = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)]));
    return finish(await route({ request, url, params: stringParams, version, resourcePath, tenant, ids }), tenant);
  };
}
