import type { Request } from "express";
import type { RequestFacts } from "@tenantpilot/api";

/**
 * The parts of an Express request the API decides on. `allowedOrigins` empty means "the origin
 * this request reached" (scheme from Express, which honours `trust proxy`, plus the Host
 * header): a page served by this app posts back to the same origin.
 */
export function requestFacts(req: Request, allowedOrigins: readonly string[]): RequestFacts {
  const selfOrigin = `${req.protocol}://${req.get("host") ?? "localhost"}`;
  return {
    headers: toHeaders(req.headers),
    clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    selfOrigin,
    allowedOrigins: allowedOrigins.length > 0 ? allowedOrigins : [selfOrigin],
  };
}

function toHeaders(incoming: Request["headers"]): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    // HTTP/2 pseudo-headers (":authority") are not valid header names for Headers.
    if (value === undefined || name.startsWith(":")) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}
