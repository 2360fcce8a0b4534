import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { isDatabaseUnavailable } from "@tenantpilot/db";
import type { Context } from "./context";
import { formatApiError } from "./error-formatter";
import { databaseUnavailable, rateLimited, rejectInput } from "./errors";
import { findTextProblem } from "./input-text";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: formatApiError,
  // Stack traces stay in the server log, never in responses.
  isDev: false,
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure starts here, so each rule below holds for every procedure, over HTTP and for
 * Remix's server-side caller alike:
 * 1. CSRF: a mutation carried by the session cookie must come from one of our own pages (Origin or
 *    Referer, and Sec-Fetch-Site when the browser sends it — context.ts). SameSite=Lax alone does
 *    not cover same-site subdomains. Bearer-token calls are exempt — a browser cannot attach our
 *    tokens by itself. Anonymous mutations (login) are checked too, so no other site can log a
 *    browser in.
 * 2. Text: no control characters and no absurd lengths in any string of the input (input-text.ts),
 *    before any schema sees it — a NUL would otherwise reach PostgreSQL and fail there.
 * 3. Rate limits: mutations per user, and every call of an API token (rate-limit.ts): 429 + Retry-After.
 * 4. An unreachable database is 503 + Retry-After ("try again shortly"), never a 500.
 */
export const publicProcedure = t.procedure.use(async ({ ctx, type, next, getRawInput }) => {
  if (type === "mutation" && ctx.credential.kind !== "token" && !ctx.sameOrigin) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Cross-site request refused: the Origin is not this application." });
  }
  const problem = findTextProblem(await getRawInput());
  if (problem) throw rejectInput(problem.field === "" ? "input" : problem.field, problem.message);

  const limiter = ctx.env.rateLimiter;
  if (limiter && ctx.credential.kind !== "anonymous") {
    const { user } = ctx.credential;
    const decisions = [
      ...(ctx.credential.kind === "token" ? [limiter.take(`token:${ctx.credential.tokenId}`, limiter.policy.tokenCallsPerMinute)] : []),
      ...(type === "mutation" ? [limiter.take(`mutations:${user.id}`, limiter.policy.mutationsPerMinute)] : []),
    ];
    for (const decision of decisions) {
      if (!decision.ok) {
        ctx.resHeaders.set("Retry-After", String(decision.retryAfterSeconds));
        throw rateLimited(decision.retryAfterSeconds);
      }
    }
  }

  const result = await next();
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR" && isDatabaseUnavailable(result.error.cause)) {
    throw databaseUnavailable(result.error.cause);
  }
  return result;
});
