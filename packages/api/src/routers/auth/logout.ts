import { publicProcedure } from "../../authorization";

/** Ends this browser session (if any) and clears the cookie; always succeeds. */
export const logout = publicProcedure.mutation(async ({ ctx }) => {
  if (ctx.credential.kind === "session") await ctx.env.sessions.invalidateSession(ctx.credential.sessionId);
  ctx.resHeaders.delete("Set-Cookie");
  ctx.resHeaders.append("Set-Cookie", ctx.env.sessions.blankSessionCookie());
  return { ok: true as const };
});
