import { createExpressMiddleware } from "@trpc/server/adapters/express";
import type { RequestHandler } from "express";
import { appRouter, createContext, type ApiEnvironment } from "@tenantpilot/api";
import { requestFacts } from "./request-facts";

/** Larger bodies get 413 PAYLOAD_TOO_LARGE before any procedure runs. */
export const MAX_BODY_BYTES = 100 * 1024;

/** /api/trpc: the typed API over HTTP (tRPC's Express adapter, superjson). */
export function createApiHandler(env: ApiEnvironment, allowedOrigins: readonly string[]): RequestHandler {
  return createExpressMiddleware({
    router: appRouter,
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req }) => createContext(env, requestFacts(req, allowedOrigins)),
    // Set-Cookie (login, logout, session renewal) and Retry-After written by procedures.
    responseMeta: ({ ctx }) => (ctx ? { headers: ctx.resHeaders } : {}),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`api: ${path ?? "(unknown procedure)"} failed`, error);
    },
  });
}
