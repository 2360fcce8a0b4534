import { randomUUID } from "node:crypto";
import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from "@azure/msal-node";
import type { RequestDiagnostics } from "../client/request-diagnostics";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * A transport failure on the way to Entra (no response, or a response that is not JSON). MSAL
 * rethrows AuthErrors untouched, so extending it carries the HTTP status to our error mapping.
 */
export class TokenTransportError extends AuthError {
  readonly status?: number;
  readonly requestId?: string;

  constructor(details: { message: string; status?: number; requestId?: string }) {
    super("token_transport_error", "", details.message);
    // AuthError's constructor pins its own prototype; restore ours so instanceof works.
    Object.setPrototypeOf(this, TokenTransportError.prototype);
    this.name = "TokenTransportError";
    if (details.status !== undefined) this.status = details.status;
    if (details.requestId !== undefined) this.requestId = details.requestId;
  }
}

/**
 * MSAL's network client, on the same fetch as the Graph client: one configurable transport
 * (tests and the sandbox intercept both), and every token exchange lands in the diagnostics.
 */
export class FetchNetworkModule implements INetworkModule {
  constructor(
    private readonly fetchImpl: FetchLike,
    private readonly diagnostics: RequestDiagnostics,
    private readonly timeoutMs: number,
  ) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>("GET", url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>("POST", url, options);
  }

  private async send<T>(
    method: "GET" | "POST",
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const headers = { ...options?.headers };
    // MSAL sends its correlation id in the query string; reuse it so both sides log one id.
    const clientRequestId = headers["client-request-id"] ?? new URL(url).searchParams.get("client-request-id") ?? randomUUID();
    headers["client-request-id"] = clientRequestId;
    const started = Date.now();
    const record = (status?: number, requestId?: string, failure?: string) =>
      this.diagnostics.record({
        at: new Date(started).toISOString(),
        kind: "token",
        method,
        url,
        clientRequestId,
        attempt: 1,
        durationMs: Date.now() - started,
        ...(status === undefined ? {} : { status }),
        ...(requestId === undefined ? {} : { requestId }),
        ...(failure === undefined ? {} : { failure }),
      });

    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        ...(method === "POST" ? { body: options?.body ?? "" } : {}),
        signal: AbortSignal.timeout(timeout ?? this.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      record(undefined, undefined, timedOut ? "timeout" : "network error");
      throw new TokenTransportError({
        message: timedOut ? "The Microsoft Entra token endpoint did not answer in time." : "The Microsoft Entra token endpoint could not be reached.",
      });
    }

    const requestId = response.headers.get("x-ms-request-id") ?? response.headers.get("request-id") ?? undefined;
    record(response.status, requestId);
    const text = await response.text();
    let body: T;
    try {
      body = JSON.parse(text) as T;
    } catch {
      throw new TokenTransportError({
        message: `The Microsoft Entra token endpoint answered HTTP ${response.status} without a JSON body.`,
        status: response.status,
        ...(requestId === undefined ? {} : { requestId }),
      });
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      responseHeaders[key] = value;
    });
    return { headers: responseHeaders, body, status: response.status };
  }
}
