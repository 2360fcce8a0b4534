import { permissionForEndpoint, accessForMethod } from "../permissions";
import { ProviderError } from "./provider-error";

export interface GraphFailure {
  status: number;
  /** Parsed JSON body, if any. */
  body: unknown;
  method: string;
  /** Resource path after the version segment, e.g. `deviceManagement/deviceConfigurations`. */
  resourcePath: string;
  requestId?: string;
  clientRequestId?: string;
  retryAfterSeconds?: number;
}

interface GraphErrorBody {
  code?: string;
  message?: string;
}

function graphErrorOf(body: unknown): GraphErrorBody {
  if (typeof body !== "object" || body === null || !("error" in body)) return {};
  const error = (body).error;
  if (typeof error !== "object" || error === null) return {};
  const { code, message } = error as Record<string, unknown>;
  return {
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof message === "string" ? { message } : {}),
  };
}

/** Intune's 403s list acceptable scopes: "…must have one of the following scopes: A, B". */
function scopesNamedIn(message: string | undefined): string[] {
  const match = /following scopes?:\s*([A-Za-z.,\s]+)/.exec(message ?? "");
  return match?.[1] ? match[1].split(",").map((scope) => scope.trim()).filter(Boolean) : [];
}

/** Maps a failed Graph response (after retries) onto the gate's reasons. */
export function providerErrorFromGraphFailure(failure: GraphFailure): ProviderError {
  const { status, method, resourcePath } = failure;
  const graph = graphErrorOf(failure.body);
  const ids = {
    status,
    ...(failure.requestId === undefined ? {} : { requestId: failure.requestId }),
    ...(failure.clientRequestId === undefined ? {} : { clientRequestId: failure.clientRequestId }),
    ...(graph.code === undefined ? {} : { graphCode: graph.code }),
  };
  const where = `${method} ${resourcePath}`;

  if (status === 401) {
    return new ProviderError({
      reason: "provider_credentials_expired",
      message: `Microsoft Graph rejected the connection's access token (${graph.code ?? "401"}) on ${where}.`,
      transient: false,
      ...ids,
    });
  }
  if (status === 403) {
    const needed = permissionForEndpoint(resourcePath, accessForMethod(method));
    const missing = needed ? [needed] : scopesNamedIn(graph.message).slice(0, 1);
    return new ProviderError({
      reason: "provider_permission_missing",
      message:
        missing.length > 0
          ? `The application lacks the Microsoft Graph permission ${missing.join(", ")} needed for ${where}.`
          : `The application is not allowed to call ${where}.`,
      transient: false,
      ...(missing.length > 0 ? { missingPermissions: missing } : {}),
      ...ids,
    });
  }
  if (status === 404) {
    return new ProviderError({ reason: "target_not_found", message: `Microsoft Graph found nothing at ${where}.`, transient: false, ...ids });
  }
  if (status === 429) {
    return new ProviderError({
      reason: "provider_throttled",
      message: `Microsoft Graph kept throttling ${where}.`,
      transient: true,
      ...ids,
      ...(failure.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: failure.retryAfterSeconds }),
    });
  }
  if (status >= 500) {
    return new ProviderError({
      reason: "provider_unavailable",
      message: `Microsoft Graph was unavailable (HTTP ${status}) for ${where}.`,
      transient: true,
      ...ids,
      ...(failure.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: failure.retryAfterSeconds }),
    });
  }
  // Graph's own text for a 400/409 names properties, not secrets; cut it to keep records small.
  const detail = graph.message ? `: ${graph.message.slice(0, 300)}` : "";
  return new ProviderError({
    reason: "internal_error",
    message: `Microsoft Graph refused ${where} (${graph.code ?? `HTTP ${status}`})${detail}`,
    transient: false,
    ...ids,
  });
}
