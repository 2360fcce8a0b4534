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

/** What an HTTP request to `/api/trpc/<path>` carries besides its input. */
export interface ApiEnvelope {
  method: string;
  /** The procedure path (one, or several joined by commas for a batch), still percent-encoded. */
  path: string;
  contentEncoding: string | undefined;
}

export const apiMethods = "GET, HEAD, POST";

/**
 * Refusals of the request's envelope that tRPC's adapter would answer wrongly, or not at all: it
 * percent-decodes the path without a guard (a malformed escape was a URIError's 500), reads any
 * method but GET as a body-carrying call (PUT or OPTIONS answered 415 "Missing content-type"), and
 * parses a compressed body as JSON (a 400 quoting its bytes). Null when the envelope is fine.
 */
export function envelopeRefusal(envelope: ApiEnvelope): (HttpRefusal & { headers?: Record<string, string> }) | null {
  if (!apiMethods.split(", ").includes(envelope.method)) {
    const error = new TRPCError({ code: "METHOD_NOT_SUPPORTED", message: "The API takes GET for queries and subscriptions, POST for mutations." });
    return { ...httpRefusal(error, { type: "unknown" }), headers: { Allow: apiMethods } };
  }
  const encoding = envelope.contentEncoding?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== "" && encoding !== "identity") {
    const message = `Content-Encoding "${encoding.slice(0, 40)}" is not accepted: send the body uncompressed.`;
    return httpRefusal(new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message }), { type: "unknown" });
  }
  try {
    decodeURIComponent(envelope.path);
  } catch {
    return httpRefusal(new TRPCError({ code: "BAD_REQUEST", message: "The procedure path is not valid percent-encoding." }), { type: "unknown" });
  }
  return null;
}
