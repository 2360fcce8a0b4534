// One mutation posted alone is answered without tRPC's fetch adapter (ADR 040). The same request
// sent down tRPC's adapter (a query string sends it there) must get the same answer: status, body,
// and the headers a client reads (content type, Retry-After, the session cookie's attributes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson from "superjson";
import { createSessions, hashPassword } from "@tenantpilot/auth";
import { testPrisma } from "@tenantpilot/test-support";
import { singleMutationOf } from "../../apps/admin/server/api-single-mutation";
import { startAdminServer, type RunningServer } from "./support/admin-server";
import { sessionCookie } from "./support/raw-trpc";
import { PASSWORD, seedWorld, type World } from "./support/world";

const prisma = testPrisma(10);
let server: RunningServer;
let world: World;

async function cookieFor(userId: string): Promise<string> {
  const { setCookie } = await createSessions(prisma).createSession(userId);
  return sessionCookie(new Headers([["set-cookie", setCookie]]))!.pair;
}

beforeAll(async () => {
  server = await startAdminServer(prisma, { rateLimits: { mutationsPerMinute: 100_000, tokenCallsPerMinute: 100_000 } });
  world = await seedWorld(prisma, { passwordHash: await hashPassword(PASSWORD) });
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
});

interface Answer {
  status: number;
  contentType: string | null;
  vary: string | null;
  retryAfter: string | null;
  cookies: string[];
  body: unknown;
}

/** The same POST twice: alone (the single-mutation path) and with a query string (tRPC's adapter). */
async function bothPaths(path: string, body: string, headers: Record<string, string>, query = ""): Promise<[Answer, Answer]> {
  const send = async (url: string): Promise<Answer> => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    return {
      status: response.status,
      contentType: response.headers.get("content-type"),
      vary: response.headers.get("vary"),
      retryAfter: response.headers.get("retry-after"),
      // Attributes only: a session's value is new each time.
      cookies: response.headers.getSetCookie().map((cookie) => cookie.replace(/^tp_session=[^;]*/, "tp_session=…").replace(/Expires=[^;]*/i, "Expires=…")),
      body: (await response.json()) as unknown,
    };
  };
  const adapterQuery = query === "" ? "?via=adapter" : `?${query}&via=adapter`;
  return [await send(`${server.url}/api/trpc/${path}${query === "" ? "" : `?${query}`}`), await send(`${server.url}/api/trpc/${path}${adapterQuery}`)];
}

const json = (input: unknown) => JSON.stringify(superjson.serialize(input));

describe("a mutation posted alone answers as tRPC's adapter does", () => {
  it("bad bodies: malformed JSON, an empty body, wrong types, a lone surrogate — the same 400 and message", async () => {
    const cookie = await cookieFor(world.users.owner.id);
    const headers = { cookie, origin: server.url };
    const cases = [
      '{"json":',
      "",
      json({ tenant: 5, operation: "inventory.sync" }),
      json({ tenant: world.tenants.ready.tenant.slug, operation: "no.such.operation" }),
      json({ tenant: world.tenants.ready.tenant.slug, operation: "inventory.sync", target: { kind: "tenant", id: "\ud800" } }),
    ];
    for (const body of cases) {
      const [alone, adapter] = await bothPaths("operations.start", body, headers);
      expect(alone.status, body).toBe(400);
      expect(alone, body).toEqual(adapter);
    }
  });

  it("a batch of one (httpBatchLink's shape): the same answers, bad or good", async () => {
    const headers = { cookie: await cookieFor(world.users.operator.id), origin: server.url };
    const cases: [string, number][] = [
      ['{"0":', 400],
      ["[1]", 400],
      ["{}", 400],
      [`{"0":${json({ tenant: 5, operation: "inventory.sync" })}}`, 400],
      [`{"0":${json({ tenant: world.tenants.foreign.tenant.slug, operation: "inventory.sync" })}}`, 404],
      [`{"0":${json({ tenant: world.tenants.consentMissing.tenant.slug, operation: "inventory.sync" })}}`, 200],
    ];
    for (const [body, status] of cases) {
      const [alone, adapter] = await bothPaths("operations.start", body, headers, "batch=1");
      expect(alone.status, body).toBe(status);
      expect(Array.isArray(alone.body), body).toBe(true);
      expect(alone, body).toEqual(adapter);
    }
  });

  it("refusals: not signed in 401, cross-site 403, a foreign tenant 404, a read-only member 403 — the same answers", async () => {
    const start = json({ tenant: world.tenants.foreign.tenant.slug, operation: "inventory.sync" });
    const owner = await cookieFor(world.users.owner.id);
    const readonly = await cookieFor(world.users.readonly.id);
    const cases: [Record<string, string>, string, number][] = [
      [{ origin: server.url }, start, 401],
      [{ cookie: owner }, start, 403],
      [{ cookie: owner, origin: server.url }, start, 404],
      [{ cookie: readonly, origin: server.url }, json({ tenant: world.tenants.ready.tenant.slug, operation: "inventory.sync" }), 403],
    ];
    for (const [headers, body, status] of cases) {
      const [alone, adapter] = await bothPaths("operations.start", body, headers);
      expect(alone.status).toBe(status);
      expect(alone).toEqual(adapter);
    }
  });

  it("start answers: blocked, then accepted and the deduped answers after it — the same outcome, words and holder", async () => {
    const headers = { cookie: await cookieFor(world.users.operator.id), origin: server.url };
    const [blocked, blockedByAdapter] = await bothPaths("operations.start", json({ tenant: world.tenants.consentMissing.tenant.slug, operation: "inventory.sync" }), headers);
    expect(blocked.status).toBe(200);
    expect(blocked).toEqual(blockedByAdapter);
    expect(JSON.stringify(blocked.body)).toContain('"outcome":"blocked"');

    const start = json({ tenant: world.tenants.ready.tenant.slug, operation: "directory.sync" });
    const accepted = await fetch(`${server.url}/api/trpc/operations.start`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: start });
    expect(JSON.stringify(await accepted.json())).toContain('"outcome":"accepted"');
    const [deduped, dedupedByAdapter] = await bothPaths("operations.start", start, headers);
    expect(deduped).toEqual(dedupedByAdapter);
    expect(JSON.stringify(deduped.body)).toContain('"outcome":"deduped"');
  });

  it("a rate-limited mutation: the same 429 with Retry-After", async () => {
    const limited = await startAdminServer(prisma, { rateLimits: { mutationsPerMinute: 2, tokenCallsPerMinute: 1_000 } });
    try {
      const headers = { cookie: await cookieFor(world.users.manager.id), origin: limited.url };
      const send = (query: string) =>
        fetch(`${limited.url}/api/trpc/notifications.markAllRead${query}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: json(undefined) });
      expect([(await send("")).status, (await send("")).status]).toEqual([200, 200]);
      const [alone, adapter] = [await send(""), await send("?via=adapter")];
      for (const refused of [alone, adapter]) {
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      }
      const codeOf = async (response: Response) => ((await response.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code;
      expect([await codeOf(alone), await codeOf(adapter)]).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
    } finally {
      await limited.close();
    }
  });

  it("sign-in: the same session cookie attributes and the same refusal for a wrong password", async () => {
    const [wrong, wrongByAdapter] = await bothPaths("auth.login", json({ email: world.users.owner.email, password: "not the password" }), { origin: server.url });
    expect(wrong.status).toBe(401);
    expect(wrong).toEqual(wrongByAdapter);

    const [alone, adapter] = await bothPaths("auth.login", json({ email: world.users.owner.email, password: PASSWORD }), { origin: server.url });
    expect(alone.status).toBe(200);
    expect(alone.cookies).toHaveLength(1);
    expect(alone.cookies[0]).toMatch(/HttpOnly/i);
    expect({ ...alone, body: null }).toEqual({ ...adapter, body: null });
  });
});

describe("which requests take the single-mutation path", () => {
  const request = (overrides: { method?: string; url?: string; headers?: Record<string, string> } = {}) =>
    ({
      method: overrides.method ?? "POST",
      url: overrides.url ?? "/operations.start",
      headers: overrides.headers ?? { "content-type": "application/json", "content-length": "120" },
    }) as never;

  it("one mutation, JSON with a declared length within the limit", () => {
    expect(singleMutationOf(request(), 1024)?.path).toBe("operations.start");
    expect(singleMutationOf(request({ headers: { "content-type": "application/json; charset=utf-8", "content-length": "0" } }), 1024)?.path).toBe("operations.start");
    expect(singleMutationOf(request({ url: "/operations.start?batch=1" }), 1024)).toMatchObject({ path: "operations.start", batch: true });
  });

  it("everything else goes on to tRPC's adapter", () => {
    const others = [
      request({ method: "GET" }),
      request({ url: "/operations.start?batch=1&x=1" }),
      request({ url: "/operations.start?batch=0" }),
      request({ url: "/operations.start,operations.start" }),
      request({ url: "/operations%2Estart" }),
      request({ url: "/tenants.list" }), // a query
      request({ url: "/operations.watch" }), // a subscription
      request({ url: "/no.such.procedure" }),
      request({ url: "/toString" }),
      request({ headers: { "content-type": "text/plain", "content-length": "120" } }),
      request({ headers: { "content-type": "application/json" } }),
      request({ headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }),
      request({ headers: { "content-type": "application/json", "content-length": "2048" } }),
    ];
    for (const other of others) expect(singleMutationOf(other, 1024)).toBeNull();
  });
});
