// Microsoft Entra endpoints that MSAL calls for the client-credential flow.
import { randomUUID } from "node:crypto";
import { http, HttpResponse } from "msw";
import type { SandboxContext } from "./sandbox-context";

function entraError(
  context: { status: number; error: string; code: number; description: string },
  requestId: string,
  clientRequestId: string | null,
) {
  const timestamp = new Date().toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  return HttpResponse.json(
    {
      error: context.error,
      error_description: `${context.description} Trace ID: ${requestId} Correlation ID: ${clientRequestId ?? randomUUID()} Timestamp: ${timestamp}`,
      error_codes: [context.code],
      timestamp,
      trace_id: requestId,
      correlation_id: clientRequestId ?? randomUUID(),
      error_uri: `https://login.microsoftonline.com/error?code=${context.code}`,
    },
    { status: context.status, headers: responseHeaders(requestId, clientRequestId) },
  );
}

function responseHeaders(requestId: string, clientRequestId: string | null): Record<string, string> {
  return {
    "x-ms-request-id": requestId,
    ...(clientRequestId === null ? {} : { "client-request-id": clientRequestId }),
    "Cache-Control": "no-store, no-cache",
  };
}

const tenantNotFound = (tenant: string) => ({
  status: 400,
  error: "invalid_request",
  code: 90002,
  description: `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
});

export function identityHandlers(context: SandboxContext) {
  const authority = context.authorityOrigin;
  return [
    http.post(`${authority}/:tenant/oauth2/v2.0/token`, async ({ request, params }) => {
      const requestId = randomUUID();
      const clientRequestId = request.headers.get("client-request-id");
      const form = new URLSearchParams(await request.text());
      const tenantParam = String(params.tenant);
      const tenant = context.tenantFor(tenantParam);
      const clientId = form.get("client_id") ?? "";
      const respond = (response: Response, tenantId?: string) => {
        context.record(
          { kind: "token", method: "POST", url: request.url, status: response.status, ...(tenantId ? { tenantId } : {}), ...(clientId ? { clientId } : {}) },
          tenant,
        );
        return response;
      };

      if (!tenant) return respond(entraError(tenantNotFound(tenantParam), requestId, clientRequestId));
      if (form.get("grant_type") !== "client_credentials") {
        return respond(
          entraError(
            { status: 400, error: "unsupported_grant_type", code: 70003, description: "AADSTS70003: The app requested an unsupported grant type." },
            requestId,
            clientRequestId,
          ),
          tenant.tenantId,
        );
      }
      const scope = form.get("scope") ?? "";
      const resource = scope.split(" ").find((entry) => entry.endsWith("/.default"))?.replace(/\/\.default$/, "");
      if (!resource) {
        return respond(
          entraError(
            { status: 400, error: "invalid_scope", code: 1002012, description: `AADSTS1002012: The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).` },
            requestId,
            clientRequestId,
          ),
          tenant.tenantId,
        );
      }
      await context.applyStoredConsent(tenant, clientId);
      const authentication = tenant.authenticateClient(clientId, form.get("client_secret") ?? "");
      if (!authentication.ok) return respond(entraError(authentication, requestId, clientRequestId), tenant.tenantId);

      const lifetime = context.tokenLifetimeSeconds;
      return respond(
        HttpResponse.json(
          {
            token_type: "Bearer",
            expires_in: lifetime,
            ext_expires_in: lifetime,
            access_token: context.tokens.issue(tenant, authentication.app, resource, lifetime),
          },
          { headers: responseHeaders(requestId, clientRequestId) },
        ),
        tenant.tenantId,
      );
    }),

    http.get(`${authority}/:tenant/v2.0/.well-known/openid-configuration`, ({ request, params }) => {
      const requestId = randomUUID();
      const tenant = context.tenantFor(String(params.tenant));
      if (!tenant) {
        context.record({ kind: "discovery", method: "GET", url: request.url, status: 400 });
        return entraError(tenantNotFound(String(params.tenant)), requestId, null);
      }
      context.record({ kind: "discovery", method: "GET", url: request.url, status: 200, tenantId: tenant.tenantId }, tenant);
      const base = `${authority}/${tenant.tenantId}`;
      return HttpResponse.json(
        {
          token_endpoint: `${base}/oauth2/v2.0/token`,
          token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
          jwks_uri: `${authority}/${tenant.tenantId}/discovery/v2.0/keys`,
          response_modes_supported: ["query", "fragment", "form_post"],
          subject_types_supported: ["pairwise"],
          id_token_signing_alg_values_supported: ["RS256"],
          response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
          scopes_supported: ["openid", "profile", "email", "offline_access"],
          issuer: `${base}/v2.0`,
          request_uri_parameter_supported: false,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          tenant_region_scope: "EU",
          cloud_instance_name: "microsoftonline.com",
        },
        { headers: responseHeaders(requestId, null) },
      );
    }),

    http.get(`${authority}/common/discovery/instance`, ({ request }) => {
      context.record({ kind: "discovery", method: "GET", url: request.url, status: 200 });
      const host = new URL(authority).host;
      const asked = new URL(request.url).searchParams.get("authorization_endpoint");
      const tenantSegment = asked ? new URL(asked).pathname.split("/")[1] : undefined;
      return HttpResponse.json({
        tenant_discovery_endpoint: `${authority}/${tenantSegment ?? "common"}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
    }),
  ];
}
