// tRPC over plain fetch, for tests that look at the HTTP layer itself (status codes, cookies,
// headers). Wire format: superjson-serialized input; `{ result: { data } }` or `{ error }`.
import superjson from "superjson";
import type { ApiErrorData } from "@tenantpilot/api";

export interface RawResponse {
  status: number;
  headers: Headers;
  data?: unknown;
  error?: { message: string; code: number; data: ApiErrorData };
}

export async function trpcMutation(baseUrl: string, path: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await fetch(`${baseUrl}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(superjson.serialize(input)),
  });
  return read(response);
}

export async function trpcQuery(baseUrl: string, path: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const response = await fetch(`${baseUrl}/api/trpc/${path}${query}`, { headers });
  return read(response);
}

export async function read(response: Response): Promise<RawResponse> {
  const body = (await response.json()) as { result?: { data: never }; error?: never };
  return {
    status: response.status,
    headers: response.headers,
    ...(body.result ? { data: superjson.deserialize(body.result.data) } : {}),
    ...(body.error ? { error: superjson.deserialize(body.error) } : {}),
  };
}

/** `name=value` of the session cookie in a response, and its attributes. */
export function sessionCookie(headers: Headers): { pair: string; value: string; attributes: Map<string, string> } | null {
  const raw = headers.getSetCookie().find((cookie) => cookie.startsWith("tp_session="));
  if (!raw) return null;
  const [pair = "", ...rest] = raw.split("; ");
  return {
    pair,
    value: pair.slice("tp_session=".length),
    attributes: new Map(
      rest.map((part) => {
        const [name = "", value = ""] = part.split("=");
        return [name.toLowerCase(), value];
      }),
    ),
  };
}

/**
 * A subscription over SSE (what httpSubscriptionLink sends: GET with the input): the stream opens
 * with 200 and a refusal arrives as its first event, carrying the status it stands for
 * (`data.httpStatus`). Reads until that first answer and closes the stream.
 */
export async function trpcSubscriptionStart(baseUrl: string, path: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/trpc/${path}${query}`, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal });
  if (!response.body || !response.headers.get("content-type")?.startsWith("text/event-stream")) return read(response);
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  let text = "";
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true });
      for (const line of text.split("\n")) {
        if (!line.startsWith("data: ")) continue;
        const payload = JSON.parse(line.slice("data: ".length)) as { json?: { data?: { httpStatus?: unknown } } };
        const status = payload.json?.data?.httpStatus;
        if (typeof status === "number") return { status, headers: response.headers, error: superjson.deserialize(payload as never) };
        if (payload.json !== undefined) return { status: response.status, headers: response.headers, data: superjson.deserialize(payload as never) };
      }
    }
  } finally {
    controller.abort();
  }
  return { status: response.status, headers: response.headers };
}
