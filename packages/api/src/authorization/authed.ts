import { TRPCError } from "@trpc/server";
import type { SessionUser } from "@tenantpilot/auth";
import type { PersonActor } from "@tenantpilot/dispatch-gate/contract";
import { publicProcedure } from "../trpc";


/** Any authenticated caller (session cookie or API token); UNAUTHORIZED otherwise. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  const credential = ctx.credential;
  if (credential.kind === "anonymous") {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: credential.rejectedBearer ? "The API token is invalid, expired or revoked." : "Log in first.",
    });
  }
  const actor: PersonActor =
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
