import { createExpressMiddleware } from "@trpc/server/adapters/express";
import type { HTTPErrorHandler, ResponseMetaFn, TRPCRequestInfo } from "@trpc/server/http";
import type { Request, RequestHandler, Response } from "express";
import { appRouter, createContext, plannedStartOf, type ApiEnvironment, type AppRouter } from "@tenantpilot/api";
import type { Logger } from "@tenantpilot/observability";
import { requestFacts } from "./request-facts";
import { singleMutationHandler } from "./api-single-mutation";

/** Larger bodies get 413 PAYLOAD_TOO_LARGE before any procedure runs. */
export const MAX_BODY_BYTES = 100 * 1024;
/**
 * Calls in one batched request (`a,b,…?batch=1`); more are a 400 before any runs. A page batches a
 * handful of queries; without a cap one URL could carry some 1,600 session-checked queries.
 */
export const MAX_BATCH_CALLS = 50;

/** What the API does around every call, whichever path carries it (tRPC's adapter or the single-mutation path). */
export interface ApiHooks {
  createContext: (opts: { req: Request; res: Response; info: TRPCRequestInfo }) => ReturnType<typeof createContext>;
  responseMeta: ResponseMetaFn<AppRouter>;
  onError: HTTPErrorHandler<AppRouter, unknown>;
}

export function apiHooks(env: ApiEnvironment, allowedOrigins: readonly string[], logger: Logger): ApiHooks {
  return {
    createContext: async ({ req, res, info }) => {
      // A single operations.start reads session, access and start context in one statement (ADR 023).
      const ctx = await createContext(env, { ...requestFacts(req, allowedOrigins), plannedStart: await plannedStartOf(info) });
      if (ctx.credential.kind !== "anonymous") res.locals.userId = ctx.credential.user.id;
      return ctx;
    },
    // Set-Cookie (login, logout, session renewal) written by procedures, and Retry-After for a
    // refusal that passes with time (429, 503) — also when the context itself could not be built.
    responseMeta: ({ ctx, errors }) => {
      const headers = new Headers(ctx?.resHeaders);
      const retryAfter = errors
        .map((error) => (error.cause as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds)
        .find((value): value is number => typeof value === "number");
      if (retryAfter !== undefined && !headers.has("Retry-After")) headers.set("Retry-After", String(retryAfter));
      return { headers };
    },
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error.cause ?? error, path }, `api: ${path ?? "(unknown procedure)"} failed`);
    },
  };
}

/**
 * /api/trpc: the typed API over HTTP (superjson). One mutation posted alone — a button, `ops`,
 * internal tooling — takes the single-mutation path (ADR 040); everything else tRPC's Express adapter.
 */
export function createApiHandlers(env: ApiEnvironment, allowedOrigins: readonly string[], logger: Logger): RequestHandler[] {
  const hooks = apiHooks(env, allowedOrigins, logger);
  return [
    singleMutationHandler(hooks, MAX_BODY_BYTES),
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: MAX_BODY_BYTES,
      maxBatchSize: MAX_BATCH_CALLS,
      createContext: hooks.createContext,
      responseMeta: hooks.responseMeta,
      onError: hooks.onError,
    }),
  ];
}
