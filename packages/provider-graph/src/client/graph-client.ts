import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { defaultAppCache, type ConfidentialAppCache } from "../auth/confidential-app-cache";
import type { AccessToken } from "../auth/connection-token-source";
import type { FetchLike } from "../auth/fetch-network-module";
import { providerErrorFromGraphFailure } from "../errors/graph-error-mapping";
import { ProviderError } from "../errors/provider-error";
import { GraphUrls, type GraphQuery, type GraphVersion } from "./graph-urls";
import type { RequestDiagnostic } from "./request-diagnostics";
import { defaultRetryOptions, parseRetryAfter, retryDelay, type RetryOptions } from "./retry-policy";

export const defaultAuthorityHost = "https://login.microsoftonline.com";
export const defaultGraphBaseUrl = "https://graph.microsoft.com";

export interface GraphClientOptions {
  /** Microsoft (Entra) tenant GUID of the customer tenant. */
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost?: string;
  graphBaseUrl?: string;
  retry?: Partial<RetryOptions>;
  /** Used for Graph and for MSAL's token requests alike. Defaults to the global fetch at call time. */
  fetch?: FetchLike;
  /** Per request, token requests included. */
  timeoutMs?: number;
  /** Where MSAL apps are kept per connection; a process-wide cache by default. */
  appCache?: ConfidentialAppCache;
}

export interface GraphRequestOptions {
  version?: GraphVersion | undefined;
  query?: GraphQuery | undefined;
  headers?: Record<string, string> | undefined;
}

export interface GraphListOptions extends GraphRequestOptions {
  /** Stop after this many pages (default 100) and report `truncated`. */
  maxPages?: number | undefined;
}

export interface GraphList<T = unknown> {
  items: T[];
  pages: number;
  /** True when the page cap stopped the listing while Graph still had more. */
  truncated: boolean;
}

export interface GraphClient {
  readonly tenantId: string;
  readonly clientId: string;
  accessToken(options?: { forceRefresh?: boolean }): Promise<AccessToken>;
  get(path: string, options?: GraphRequestOptions): Promise<unknown>;
  /** Yields one page of items at a time, following `@odata.nextLink`. */
  pages(path: string, options?: GraphListOptions): AsyncGenerator<unknown[], { truncated: boolean }>;
  list(path: string, options?: GraphListOptions): Promise<GraphList>;
  post(path: string, body: unknown, options?: GraphRequestOptions): Promise<unknown>;
  patch(path: string, body: unknown, options?: GraphRequestOptions): Promise<unknown>;
  put(path: string, body: unknown, options?: GraphRequestOptions): Promise<unknown>;
  /** The latest token and Graph exchanges of this connection, newest last. */
  recentRequests(limit?: number): RequestDiagnostic[];
}

// Read at call time: msw (the sandbox) swaps the global fetch when it starts listening.
const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

const idempotentMethods = new Set(["GET", "PUT", "PATCH", "DELETE"]);

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const fetchImpl = options.fetch ?? globalFetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const retry: RetryOptions = { ...defaultRetryOptions, ...options.retry };
  const graphBaseUrl = options.graphBaseUrl ?? defaultGraphBaseUrl;
  const urls = new GraphUrls(graphBaseUrl);
  const tokens = (options.appCache ?? defaultAppCache).sourceFor(
    {
      tenantId: options.tenantId,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authorityHost: options.authorityHost ?? defaultAuthorityHost,
      resource: graphBaseUrl,
    },
    fetchImpl,
    timeoutMs,
  );

  async function send(method: string, pathOrUrl: string, body: unknown, request: GraphRequestOptions = {}): Promise<unknown> {
    const url = urls.resolve(pathOrUrl, request.version ?? "v1.0", request.query);
    if (url === undefined) {
      throw new ProviderError({
        reason: "internal_error",
        message: "Refused to follow a Graph link to a host other than the configured Graph endpoint.",
        transient: false,
      });
    }
    const resourcePath = urls.resourcePath(url);
    let attempt = 0;
    let retries = 0;
    let refreshToken = false;
    let refreshedAfter401 = false;

    for (;;) {
      attempt += 1;
      const token = await tokens.acquire({ forceRefresh: refreshToken });
      refreshToken = false;
      const clientRequestId = randomUUID();
      const started = Date.now();
      const record = (entry: Partial<RequestDiagnostic>) =>
        tokens.diagnostics.record({
          at: new Date(started).toISOString(),
          kind: "graph",
          method,
          url,
          clientRequestId,
          attempt,
          durationMs: Date.now() - started,
          ...entry,
        });

      let response: Response;
      try {
        response = await fetchImpl(url, {
          method,
          headers: {
            Authorization: `Bearer ${token.token}`,
            Accept: "application/json",
            "client-request-id": clientRequestId,
            "return-client-request-id": "true",
            ...(body === undefined ? {} : { "Content-Type": "application/json" }),
            ...request.headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        record({ failure: timedOut ? "timeout" : "network error" });
        // A request that may have reached Graph is repeated only when repeating is harmless.
        const decision = idempotentMethods.has(method) ? retryDelay(retries + 1, undefined, retry) : { retry: false as const };
        if (decision.retry) {
          retries += 1;
          await sleep(decision.delayMs);
          continue;
        }
        throw new ProviderError(
          {
            reason: "provider_unavailable",
            message: timedOut
              ? `Microsoft Graph did not answer ${method} ${resourcePath} within ${timeoutMs} ms.`
              : `Microsoft Graph could not be reached for ${method} ${resourcePath}.`,
            transient: true,
            clientRequestId,
          },
          { cause: error },
        );
      }

      const requestId = response.headers.get("request-id") ?? undefined;
      record({ status: response.status, ...(requestId === undefined ? {} : { requestId }) });
      const text = await response.text();
      const parsed = parseJson(text);

      if (response.ok) {
        if (text !== "" && parsed === undefined) {
          throw new ProviderError({
            reason: "internal_error",
            message: `Microsoft Graph answered ${method} ${resourcePath} with a body that is not JSON.`,
            transient: false,
            status: response.status,
            ...(requestId === undefined ? {} : { requestId }),
          });
        }
        return parsed;
      }

      // A rejected token gets one fresh try: it may have been revoked or rotated since MSAL cached it.
      if (response.status === 401 && !refreshedAfter401) {
        refreshedAfter401 = true;
        refreshToken = true;
        continue;
      }

      const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
      const retryable =
        response.status === 429 || response.status === 503 || (response.status === 504 && idempotentMethods.has(method));
      if (retryable) {
        const decision = retryDelay(retries + 1, retryAfterSeconds, retry);
        if (decision.retry) {
          retries += 1;
          await sleep(decision.delayMs);
          continue;
        }
      }
      throw providerErrorFromGraphFailure({
        status: response.status,
        body: parsed,
        method,
        resourcePath,
        clientRequestId,
        ...(requestId === undefined ? {} : { requestId }),
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      });
    }
  }

  async function* pages(path: string, listOptions: GraphListOptions = {}): AsyncGenerator<unknown[], { truncated: boolean }> {
    const maxPages = listOptions.maxPages ?? 100;
    let next: string | undefined = path;
    let fetched = 0;
    let first = true;
    while (next !== undefined) {
      if (fetched >= maxPages) return { truncated: true };
      const page = await send("GET", next, undefined, first ? listOptions : { ...listOptions, query: undefined });
      first = false;
      fetched += 1;
      const { value, nextLink } = pageOf(page, path);
      yield value;
      next = nextLink;
    }
    return { truncated: false };
  }

  return {
    tenantId: options.tenantId,
    clientId: options.clientId,
    accessToken: (tokenOptions) => tokens.acquire(tokenOptions),
    get: (path, request) => send("GET", path, undefined, request),
    pages,
    list: (path, listOptions) => collectPages(pages(path, listOptions)),
    post: (path, body, request) => send("POST", path, body, request),
    patch: (path, body, request) => send("PATCH", path, body, request),
    put: (path, body, request) => send("PUT", path, body, request),
    recentRequests: (limit) => tokens.diagnostics.recent(limit),
  };
}

/** A whole listing from its pages: what `list` answers, for any source of Graph pages. */
export async function collectPages(iterator: AsyncGenerator<unknown[], { truncated: boolean }>): Promise<GraphList> {
  const items: unknown[] = [];
  let count = 0;
  for (;;) {
    const step = await iterator.next();
    if (step.done) return { items, pages: count, truncated: step.value.truncated };
    count += 1;
    items.push(...step.value);
  }
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function pageOf(page: unknown, path: string): { value: unknown[]; nextLink?: string } {
  if (typeof page !== "object" || page === null || !Array.isArray((page as { value?: unknown }).value)) {
    throw new ProviderError({
      reason: "internal_error",
      message: `Microsoft Graph answered a listing of ${path} without a value array.`,
      transient: false,
    });
  }
  const { value, "@odata.nextLink": nextLink } = page as { value: unknown[]; "@odata.nextLink"?: unknown };
  return typeof nextLink === "string" ? { value, nextLink } : { value };
}
