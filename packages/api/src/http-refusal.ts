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
  const encoding = contentEncodingProblem(envelope.contentEncoding);
  if (encoding !== null) return httpRefusal(new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: encoding }), { type: "unknown" });
  try {
    decodeURIComponent(envelope.path);
  } catch {
    return httpRefusal(new TRPCError({ code: "BAD_REQUEST", message: "The procedure path is not valid percent-encoding." }), { type: "unknown" });
  }
  return null;
}

/**
 * Why a request body's `Content-Encoding` is refused (a 415), or null for none or "identity". Neither the
 * API nor the pages inflate bodies: their size limits stay limits on what is parsed, and a compressed body
 * read as it is was a parse error quoting its bytes (API) or a form field "with control characters" (pages).
 */
export function contentEncodingProblem(header: string | undefined): string | null {
  const encoding = header?.trim().toLowerCase();
  if (encoding === undefined || encoding === "" || encoding === "identity") return null;
  return `Content-Encoding "${encoding.slice(0, 40)}" is not accepted: send the body uncompressed.`;
}

/**
 * The API's error body for a request node's HTTP parser refused before any route ran (the http server's
 * `clientError`): a request line or headers over node's 16 kB limit (431), a request not received in time
 * (408), bytes that are not HTTP (400). tRPC has no code for 431: the code is BAD_REQUEST and the body's
 * `httpStatus` the status actually sent.
 */
export function clientErrorRefusal(status: 400 | 408 | 431, message: string): HttpRefusal {
  const refusal = httpRefusal(new TRPCError({ code: status === 408 ? "TIMEOUT" : "BAD_REQUEST", message }), { type: "unknown" });
  const shape = refusal.shape as { data?: Record<string, unknown> };
  return { status, shape: { ...shape, data: { ...shape.data, httpStatus: status } } };
}
