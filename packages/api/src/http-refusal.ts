import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { getErrorShape, type ProcedureType } from "@trpc/server/unstable-core-do-not-import";
import { appRouter } from "./root";

/** A refusal the HTTP layer answers before tRPC runs, with the status and body the formatter gives any call. */
export interface HttpRefusal {
  status: number;
  shape: unknown;
}

export function httpRefusal(error: TRPCError, call: { type: ProcedureType | "unknown"; path?: string; input?: unknown }): HttpRefusal {
  const shape = getErrorShape({ config: appRouter._def._config, error, type: call.type, path: call.path, input: call.input, ctx: undefined });
  return { status: getHTTPStatusCodeFromError(error), shape };
}

/**
 * The procedure path of `/api/trpc/<path>` (one, or several joined by commas for a batch) as tRPC
 * reads it: tRPC percent-decodes it without a guard, so a malformed escape ("tenants.%E0detail")
 * escaped as a URIError and a 500. Null when the path decodes.
 */
export function procedurePathRefusal(rawPath: string): HttpRefusal | null {
  try {
    decodeURIComponent(rawPath);
    return null;
  } catch {
    return httpRefusal(new TRPCError({ code: "BAD_REQUEST", message: "The procedure path is not valid percent-encoding." }), { type: "unknown" });
  }
}
