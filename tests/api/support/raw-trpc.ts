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
