import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { login as checkLogin } from "@tenantpilot/auth";
import { publicProcedure } from "../../authorization";
import { LoginThrottled } from "../../errors";

/**
 * Email + password → a browser session (Set-Cookie). For API clients too: the ops CLI logs in
 * this way once and then creates an API token with the session.
 */
export const login = publicProcedure
  .input(z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1024) }))
  .mutation(async ({ ctx, input }) => {
    if (ctx.credential.kind === "token") {
      throw new TRPCError({ code: "BAD_REQUEST", message: "This request already carries an API token; logging in creates a browser session." });
    }
    const result = await checkLogin(ctx.db, { email: input.email, password: input.password, ip: ctx.clientIp }, { throttle: ctx.env.loginThrottle });
    if (!result.ok && result.error === "throttled") {
      const cause = new LoginThrottled(result.retryAfterSeconds);
      ctx.resHeaders.set("Retry-After", String(result.retryAfterSeconds));
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: cause.message, cause });
    }
    if (!result.ok) throw new TRPCError({ code: "UNAUTHORIZED", message: "Invalid email or password." });

    // A new identity gets a new session id; whatever session the browser had is ended.
    if (ctx.credential.kind === "session") await ctx.env.sessions.invalidateSession(ctx.credential.sessionId);
    const { session, setCookie } = await ctx.env.sessions.createSession(result.userId);
    ctx.resHeaders.delete("Set-Cookie");
    ctx.resHeaders.append("Set-Cookie", setCookie);
    return { userId: result.userId, expiresAt: session.expiresAt };
  });
