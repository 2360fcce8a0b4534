import { authedProcedure } from "../../authorization";

/** Ends every session of the caller (all browsers). API tokens are revoked separately (apiTokens.revoke). */
export const logoutEverywhere = authedProcedure.mutation(async ({ ctx }) => {
  await ctx.env.sessions.invalidateUserSessions(ctx.user.id);
  if (ctx.credential.kind === "session") {
    ctx.resHeaders.delete("Set-Cookie");
    ctx.resHeaders.append("Set-Cookie", ctx.env.sessions.blankSessionCookie());
  }
  return { ok: true as const };
});
