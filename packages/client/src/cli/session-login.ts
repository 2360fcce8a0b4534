import { hostname } from "node:os";
import { createAdminClient } from "../admin-client";
import { apiAnswerFetch } from "./api-answer";

/**
 * Logs in with email and password (a browser-style session, cookie kept in memory), creates an
 * API token with that session and ends the session again. The API only lets sessions mint
 * tokens, and checks the Origin of cookie requests, so this client sends the server's own origin.
 */
export async function obtainApiToken(input: { url: string; email: string; password: string; tokenName?: string }) {
  let cookie: string | null = null;
  const origin = new URL(input.url).origin;
  const apiFetch = apiAnswerFetch(input.url);
  const client = createAdminClient({
    url: input.url,
    headers: () => ({ origin, ...(cookie ? { cookie } : {}) }),
    fetch: async (request, init) => {
      const response = await apiFetch(request, init);
      const session = response.headers.getSetCookie().find((value) => value.startsWith("tp_session="));
      if (session) cookie = session.split(";")[0] ?? null;
      return response;
    },
  });
  await client.auth.login.mutate({ email: input.email, password: input.password });
  const { token, record } = await client.apiTokens.create.mutate({ name: input.tokenName ?? `ops on ${hostname()}` });
  await client.auth.logout.mutate();
  return { token, tokenId: record.id };
}
