import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { Context } from "./context";
import { formatApiError } from "./error-formatter";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: formatApiError,
  // Stack traces stay in the server log, never in responses.
  isDev: false,
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure starts here. A mutation carried by the session cookie must come from one of
 * our own pages (Origin/Referer check): SameSite=Lax alone does not cover same-site
 * subdomains. Bearer-token calls are exempt — a browser cannot attach our tokens by itself.
 * Anonymous mutations (login) are checked too, so no other site can log a browser in.
 */
export const publicProcedure = t.procedure.use(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.credential.kind !== "token" && !ctx.sameOrigin) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Cross-site request refused: the Origin is not this application." });
  }
  return next();
});
