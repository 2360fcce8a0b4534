import { TRPCError } from "@trpc/server";
import type { SessionUser } from "@tenantpilot/auth";
import { publicProcedure } from "../trpc";

/** Who the audit log names for a write: a user in a browser session, or a user's API token. */
export type Actor = { kind: "user"; userId: string } | { kind: "token"; userId: string; tokenId: string };

/** Any authenticated caller (session cookie or API token); UNAUTHORIZED otherwise. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  const credential = ctx.credential;
  if (credential.kind === "anonymous") {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: credential.rejectedBearer ? "The API token is invalid, expired or revoked." : "Log in first.",
    });
  }
  const actor: Actor =
    credential.kind === "token"
      ? { kind: "token", userId: credential.user.id, tokenId: credential.tokenId }
      : { kind: "user", userId: credential.user.id };
  // `credential` is narrowed for what follows: past this point there is always a user.
  return next({ ctx: { credential, user: credential.user satisfies SessionUser, actor } });
});

/**
 * Only a browser session, never a token: minting API tokens with a token would let a leaked,
 * expiring token outlive itself.
 */
export const sessionProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.credential.kind !== "session") {
    throw new TRPCError({ code: "FORBIDDEN", message: "This needs a browser session: log in with email and password." });
  }
  return next({ ctx: { session: ctx.credential } });
});
