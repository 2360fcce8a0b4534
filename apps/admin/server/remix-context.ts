import type { Request, Response } from "express";
import { TRPCError } from "@trpc/server";
import { createCaller, createContext, type ApiEnvironment, type Context } from "@tenantpilot/api";
import type { AppLoadContext } from "@remix-run/node";
import type { SandboxConsentStore } from "@tenantpilot/provider-graph";
import type { LoginOutcome, SessionControls } from "../app/load-context";
import { requestFacts } from "./request-facts";
import { sandboxEntraFor } from "./sandbox-entra";

/**
 * Remix's load context for one request: the API as a server-side caller bound to the request's
 * identity (same procedures, authorization and CSRF rule as /api/trpc), the viewer, and session
 * helpers that hand back the Set-Cookie headers an action must return. `sandboxConsents` (sandbox
 * mode only) backs the simulated admin-consent prompt; `cspNonce` is this response's script nonce.
 */
export async function createRemixLoadContext(
  env: ApiEnvironment,
  allowedOrigins: readonly string[],
  req: Request,
  res: Response,
  sandboxConsents?: SandboxConsentStore,
  cspNonce = "",
): Promise<AppLoadContext> {
  const ctx = await createContext(env, requestFacts(req, allowedOrigins));
  if (ctx.credential.kind !== "anonymous") res.locals.userId = ctx.credential.user.id;
  // Session renewal (or clearing a stale cookie) rides on whatever response Remix sends.
  for (const cookie of ctx.resHeaders.getSetCookie()) res.append("Set-Cookie", cookie);
  const api = createCaller(ctx);
  const viewer = ctx.credential.kind === "anonymous" ? null : await api.auth.me();
  return {
    api,
    viewer,
    session: sessionControls(ctx),
    // The simulated prompt exists only while Microsoft is simulated, whatever store is at hand.
    sandboxEntra: env.providerMode === "sandbox" && sandboxConsents ? sandboxEntraFor(ctx, allowedOrigins, sandboxConsents) : null,
    cspNonce,
  };
}

function sessionControls(ctx: Context): SessionControls {
  // Each helper gets its own response headers so that it returns exactly its own cookies.
  const callerWithOwnHeaders = () => {
    const own = { ...ctx, resHeaders: new Headers() };
    return { api: createCaller(own), headers: own.resHeaders };
  };
  return {
    async login(input): Promise<LoginOutcome> {
      const { api, headers } = callerWithOwnHeaders();
      try {
        await api.auth.login(input);
        return { ok: true, headers };
      } catch (error) {
        if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return { ok: false, error: "invalid_credentials" };
        if (error instanceof TRPCError && error.code === "TOO_MANY_REQUESTS") {
          return { ok: false, error: "throttled", retryAfterSeconds: Number(headers.get("Retry-After") ?? "60") };
        }
        throw error;
      }
    },
    async logout() {
      const { api, headers } = callerWithOwnHeaders();
      await api.auth.logout();
      return { headers };
    },
    async logoutEverywhere() {
      const { api, headers } = callerWithOwnHeaders();
      await api.auth.logoutEverywhere();
      return { headers };
    },
  };
}
