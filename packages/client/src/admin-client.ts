import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@tenantpilot/api";
import { readApiError } from "@tenantpilot/api/problem";

export interface AdminClientOptions {
  /** The admin app's base URL, e.g. http://localhost:3000 (the API lives at /api/trpc). */
  url: string;
  /** An API token (`tp_…`), sent as `Authorization: Bearer …`. */
  token?: string | undefined;
  /** Extra request headers (e.g. Cookie and Origin for a session login). */
  headers?: (() => Record<string, string>) | undefined;
  fetch?: typeof fetch | undefined;
}

export function apiEndpoint(url: string): string {
  return `${url.replace(/\/+$/, "")}/api/trpc`;
}

type LinkFetch = NonNullable<Parameters<typeof httpBatchLink>[0]["fetch"]>;

/** The typed tRPC client for internal tooling: every procedure of AppRouter, superjson on the wire. */
export function createAdminClient(options: AdminClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: apiEndpoint(options.url),
        transformer: superjson,
        headers: () => ({
          ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
          ...options.headers?.(),
        }),
        // tRPC's FetchEsque is narrower than the DOM's overloaded fetch; any real fetch fits it.
        ...(options.fetch ? { fetch: options.fetch as LinkFetch } : {}),
      }),
    ],
  });
}
export type AdminClient = ReturnType<typeof createAdminClient>;

export type AdminClientError = TRPCClientError<AppRouter>;

export function isAdminClientError(error: unknown): error is AdminClientError {
  return error instanceof TRPCClientError;
}

/** The tRPC error code of a failed call (NOT_FOUND, FORBIDDEN, …), or null for anything else (network, bugs). */
export function apiErrorCode(error: unknown): string | null {
  return readApiError(error)?.code ?? null;
}
