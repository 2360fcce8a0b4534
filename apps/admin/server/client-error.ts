import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import superjson from "superjson";
import { clientErrorRefusal } from "@tenantpilot/api";

type ParserError = Error & { code?: string; rawPacket?: Buffer };

const answers: Record<string, { status: 400 | 408 | 431; reason: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: "Request Header Fields Too Large",
    message: "The address or the headers of this request are longer than the server reads (16 kB): shorten the address.",
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: "Request Timeout", message: "The request was not received in time." },
};
const notHttp = { status: 400, reason: "Bad Request", message: "The request could not be read as HTTP." } as const;

/**
 * What node's HTTP parser refuses before any route runs is answered in words: node's own answer is a
 * bare status line (431 for an address over its 16 kB header limit, 400 for bytes that are not HTTP),
 * which a browser shows as an empty page and a script cannot tell from a crash. The body is a short
 * plain text, or the API's error shape when the request line names /api/. Nothing a client sends here
 * can throw out of the handler: a socket that cannot take an answer is destroyed, as node does.
 */
export function answerClientErrors(server: Server): void {
  server.on("clientError", (error: ParserError, socket: Duplex) => {
    try {
      const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
      if (error.code === "ECONNRESET" || !socket.writable || response?.headersSent) {
        socket.destroy();
        return;
      }
      socket.end(clientErrorResponse(error));
    } catch {
      socket.destroy();
    }
  });
}

/** The raw HTTP response to a refused request (exported for its test). */
export function clientErrorResponse(error: ParserError): string {
  const answer = (error.code ? answers[error.code] : undefined) ?? notHttp;
  // The bytes the parser stopped in start with the request line when it came in one piece (an address
  // over the limit does): enough to answer an API client in the API's shape.
  const api = /^[A-Z]{3,7} \/api\//.test(error.rawPacket?.toString("latin1", 0, 16) ?? "");
  const [type, body] = api
    ? ["application/json", JSON.stringify({ error: superjson.serialize(clientErrorRefusal(answer.status, answer.message).shape) })]
    : ["text/plain; charset=utf-8", `${answer.status} ${answer.reason}. ${answer.message}\n`];
  return [
    `HTTP/1.1 ${answer.status} ${answer.reason}`,
    `Content-Type: ${type}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Cache-Control: no-store",
    "X-Content-Type-Options: nosniff",
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}
