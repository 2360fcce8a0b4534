// The edge of the admin app over HTTP: security headers on every response, Sec-Fetch-Site in the
// CSRF rule, rate limits (429 + Retry-After), /metrics behind its token, /healthz saying only
// alive/ready to strangers, and an unreachable database answered 503 + Retry-After.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson, { type SuperJSONResult } from "superjson";
import { createApiToken, createSessions } from "@tenantpilot/auth";
import { createPrismaClient, findFreePort } from "@tenantpilot/db";
import { testPrisma } from "@tenantpilot/test-support";
import { startAdminServer, type RunningServer } from "./support/admin-server";
import { sessionCookie, trpcMutation, trpcQuery } from "./support/raw-trpc";
import { seedRun, seedWorld, type World } from "./support/world";

const prisma = testPrisma(10);
const METRICS_TOKEN = "metrics-token-for-tests-0123456789";
let server: RunningServer;
let world: World;
let owner: Record<string, string>;

async function cookieFor(userId: string): Promise<string> {
  const { setCookie } = await createSessions(prisma).createSession(userId);
  return sessionCookie(new Headers([["set-cookie", setCookie]]))!.pair;
}

beforeAll(async () => {
  server = await startAdminServer(prisma, { metricsToken: METRICS_TOKEN, rateLimits: { mutationsPerMinute: 100_000, tokenCallsPerMinute: 100_000 } });
  world = await seedWorld(prisma);
  owner = { cookie: await cookieFor(world.users.owner.id) };
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
});

describe("security headers", () => {
  it("every response carries the CSP, frame-ancestors 'none', nosniff and Referrer-Policy; a fresh nonce each time", async () => {
    const nonces = new Set<string>();
    for (const path of ["/healthz", "/api/trpc/tenants.list", "/no-such-page"]) {
      const response = await fetch(`${server.url}${path}`, { headers: owner });
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
      nonces.add(/'nonce-([^']+)'/.exec(csp)![1]!);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("x-powered-by")).toBeNull();
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      // Plain http: no HSTS.
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
    expect(nonces.size).toBe(3);
  });

  it("HSTS when the request arrived over https (behind a trusted proxy)", async () => {
    const proxied = await startAdminServer(prisma, { trustProxy: true });
    try {
      const response = await fetch(`${proxied.url}/healthz`, { headers: { "x-forwarded-proto": "https" } });
      expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    } finally {
      await proxied.close();
    }
  });
});

describe("Sec-Fetch-Site on cookie-authenticated mutations", () => {
  const markAllRead = (headers: Record<string, string>) => trpcMutation(server.url, "notifications.markAllRead", undefined, headers);

  it("refuses cross-site and same-site requests even with our own Origin; allows same-origin and its absence", async () => {
    for (const site of ["cross-site", "same-site", "none"]) {
      const refused = await markAllRead({ ...owner, origin: server.url, "sec-fetch-site": site });
      expect(refused.status).toBe(403);
      expect(refused.error?.message).toBe("Cross-site request refused: the Origin is not this application.");
    }
    expect((await markAllRead({ ...owner, origin: server.url, "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await markAllRead({ ...owner, origin: server.url })).status).toBe(200);
  });

  it("does not concern Bearer tokens, which a browser cannot attach by itself", async () => {
    const { token } = await createApiToken(prisma, { userId: world.users.owner.id, name: "edge" });
    const response = await markAllRead({ authorization: `Bearer ${token}`, "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(200);
  });
});

describe("rate limits", () => {
  it("mutations per user: 429 with Retry-After once the minute's allowance is used; other users unaffected", async () => {
    const limited = await startAdminServer(prisma, { rateLimits: { mutationsPerMinute: 3, tokenCallsPerMinute: 1_000 } });
    try {
      const first = { cookie: await cookieFor(world.users.manager.id), origin: limited.url };
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await trpcMutation(limited.url, "notifications.markAllRead", undefined, first)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await trpcMutation(limited.url, "notifications.markAllRead", undefined, first);
      expect(refused.status).toBe(429);
      expect(refused.error?.data.code).toBe("TOO_MANY_REQUESTS");
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.error?.data.retryAfterSeconds).toBe(retryAfter);
      // Queries are not mutations, and another user has an allowance of their own.
      expect((await trpcQuery(limited.url, "tenants.list", undefined, first)).status).toBe(200);
      const other = { cookie: await cookieFor(world.users.operator.id), origin: limited.url };
      expect((await trpcMutation(limited.url, "notifications.markAllRead", undefined, other)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("every call of an API token counts: 429 with Retry-After past the allowance", async () => {
    const limited = await startAdminServer(prisma, { rateLimits: { mutationsPerMinute: 1_000, tokenCallsPerMinute: 5 } });
    try {
      const { token } = await createApiToken(prisma, { userId: world.users.readonly.id, name: "limited" });
      const bearer = { authorization: `Bearer ${token}` };
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await trpcQuery(limited.url, "tenants.list", undefined, bearer)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await trpcQuery(limited.url, "auth.me", undefined, bearer);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });
});

describe("/metrics and /healthz", () => {
  it("/metrics needs the metrics token (a session does not do); with it, the product's metrics", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: owner })).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    await trpcMutation(server.url, "operations.start", { tenant: world.tenants.consentMissing.tenant.slug, operation: "inventory.sync" }, { ...owner, origin: server.url });
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const name of [
      "tenantpilot_gate_outcomes_total",
      "tenantpilot_runs_ended_total",
      "tenantpilot_runs_worker_lost_total",
      "tenantpilot_queue_depth",
      "tenantpilot_queue_oldest_age_seconds",
      "tenantpilot_heartbeat_lag_seconds",
      "tenantpilot_worker_heartbeat_age_seconds",
      "tenantpilot_graph_throttled_responses_total",
      "tenantpilot_http_request_duration_seconds_bucket",
      "tenantpilot_database_up 1",
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/tenantpilot_http_request_duration_seconds_count\{method="POST",route="api:operations.start",status="200"\} 1/);
  });

  it("/metrics does not exist without a configured token", async () => {
    const plain = await startAdminServer(prisma);
    try {
      expect((await fetch(`${plain.url}/metrics`, { headers: { authorization: "Bearer " } })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it("/healthz tells strangers alive or ready only; /readyz is 503 until a worker has beaten recently", async () => {
    await prisma.workerHeartbeat.deleteMany();
    const anonymous = await fetch(`${server.url}/healthz`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ status: "alive" });
    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get("retry-after")).toBe("5");

    await prisma.workerHeartbeat.create({ data: { workerId: "edge-test:1" } });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
    const detailed = await fetch(`${server.url}/healthz`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(await detailed.json()).toMatchObject({ status: "ready", database: "up", ready: true, workerHeartbeatAgeSeconds: expect.any(Number) });
    await prisma.workerHeartbeat.deleteMany();
  });

  it("health and metrics answer other methods with 405 and Allow", async () => {
    for (const path of ["/healthz", "/readyz", "/metrics"]) {
      for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) {
        const response = await fetch(`${server.url}${path}`, { method, headers: { origin: "https://elsewhere.example" } });
        expect(`${method} ${path}: ${response.status} ${response.headers.get("allow")}`).toBe(`${method} ${path}: 405 GET, HEAD`);
      }
    }
    expect((await fetch(`${server.url}/healthz`, { method: "HEAD" })).status).toBe(200);
  });
});

describe("an unreachable database", () => {
  it("is 503 + Retry-After with a clear message, for the API and for health; never a 500", async () => {
    const port = await findFreePort();
    const unreachable = createPrismaClient(`postgresql://postgres:x@127.0.0.1:${port}/nothing`, { maxConnections: 2 });
    const down = await startAdminServer(unreachable);
    try {
      const query = await trpcQuery(down.url, "tenants.list", undefined, owner);
      expect(query.status).toBe(503);
      expect(query.headers.get("retry-after")).toBe("5");
      expect(query.error?.data.code).toBe("SERVICE_UNAVAILABLE");
      expect(query.error?.message).toBe("The database is unavailable; try again shortly.");
      const login = await trpcMutation(down.url, "auth.login", { email: "a@example.test", password: "whatever it is" }, { origin: down.url });
      expect(login.status).toBe(503);
      const health = await fetch(`${down.url}/readyz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "alive" });
    } finally {
      await down.close();
      await unreachable.$disconnect();
    }
  });
});

describe("a subscription's bad input", () => {
  const watch = (input: string | null) =>
    fetch(`${server.url}/api/trpc/operations.watch${input === null ? "" : `?input=${encodeURIComponent(input)}`}`, {
      headers: { ...owner, accept: "text/event-stream" },
    });

  it("is a 400 naming the field before any stream opens, like a query's; good input opens the stream", async () => {
    const bad = await watch(JSON.stringify(superjson.serialize({ runIds: ["not-a-uuid"] })));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/^application\/json/);
    const body = superjson.deserialize<{ message: string; data: { code: string; fieldErrors: Record<string, string[]> } }>((await bad.json() as { error: SuperJSONResult }).error);
    expect(body.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(body.data.fieldErrors)).toEqual(["runIds.0"]);
    expect(body.message).toContain("runIds.0");

    expect((await watch(null)).status).toBe(400);
    expect((await watch("{not json")).status).toBe(400);
    expect((await watch(JSON.stringify(superjson.serialize({ runIds: [] })))).status).toBe(400);

    const run = await seedRun(prisma, world.tenants.ready.tenant.id, { status: "queued" });
    const controller = new AbortController();
    const good = await fetch(`${server.url}/api/trpc/operations.watch?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ runIds: [run.id] })))}`, {
      headers: { ...owner, accept: "text/event-stream" },
      signal: controller.signal,
    });
    expect(good.status).toBe(200);
    expect(good.headers.get("content-type")).toMatch(/^text\/event-stream/);
    // The run's state arrives first; then the stream is left (ending it before would race the file's teardown).
    const reader = good.body!.getReader();
    let text = "";
    while (!text.includes(run.id)) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
  });
});

describe("cookies and paths the API did not set", () => {
  // Another app on the same host (or a browser extension) may leave a cookie whose value is not
  // valid percent-encoding; it is not ours to read, and it must not cost the user the application.
  const stray = "pct=100%";

  it("a stray cookie with a malformed %-escape beside the session changes nothing; alone, it is simply no session", async () => {
    const signedIn = await trpcQuery(server.url, "auth.me", undefined, { cookie: `${stray}; ${owner.cookie!}` });
    expect(signedIn.status).toBe(200);
    expect((signedIn.data as { user: { id: string } }).user.id).toBe(world.users.owner.id);
    const anonymous = await trpcQuery(server.url, "auth.me", undefined, { cookie: stray });
    expect(anonymous.status).toBe(401);
    const login = await trpcMutation(server.url, "auth.login", { email: "nobody@example.test", password: "not the password" }, { cookie: stray, origin: server.url });
    expect(login.status).toBe(401);
    const csv = await fetch(`${server.url}/export/operations.csv`, { headers: { cookie: `${stray}; ${owner.cookie!}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
  });

  it("a session cookie that is not valid percent-encoding is no session: 401, never 500", async () => {
    for (const cookie of ["tp_session=%ZZ", "tp_session=%", `tp_session=%E0%A4%A; ${stray}`]) {
      const response = await trpcQuery(server.url, "auth.me", undefined, { cookie });
      expect(response.status, cookie).toBe(401);
      expect(response.error?.message, cookie).toBe("Log in first.");
    }
  });

  it("a procedure path that is not valid percent-encoding is a 400 BAD_REQUEST in the API's shape, also in a batch", async () => {
    for (const path of ["tenants.%E0detail", "auth.me,tenants.%ZZ?batch=1&input=%7B%7D", "%"]) {
      const response = await fetch(`${server.url}/api/trpc/${path}`, { headers: owner });
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: SuperJSONResult };
      const error = superjson.deserialize<{ message: string; data: { code: string } }>(body.error);
      expect(error.data.code, path).toBe("BAD_REQUEST");
      expect(error.message, path).toBe("The procedure path is not valid percent-encoding.");
    }
  });
});

describe("a subscription to what is not yours", () => {
  const open = (path: string, input: unknown, headers: Record<string, string>) =>
    fetch(`${server.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`, {
      headers: { ...headers, accept: "text/event-stream" },
    });
  const errorOf = async (response: Response) =>
    superjson.deserialize<{ message: string; data: { code: string } }>(((await response.json()) as { error: SuperJSONResult }).error);

  it("another workspace's run or batch, or a random id: 404 before any stream opens, the body a random id gets", async () => {
    const random = await open("operations.watch", { runIds: [randomUUID()] }, owner);
    const foreign = await open("operations.watch", { runIds: [world.away.failedRun.id] }, owner);
    const mixed = await open("operations.watch", { runIds: [world.home.failedRun.id, world.away.failedRun.id] }, owner);
    for (const response of [random, foreign, mixed]) {
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    }
    const randomError = await errorOf(random);
    expect(randomError).toMatchObject({ message: "No such run.", data: { code: "NOT_FOUND" } });
    expect(await errorOf(foreign)).toEqual(randomError);
    expect(await errorOf(mixed)).toEqual(randomError);

    const foreignBatch = await open("batches.watch", { batchId: world.away.batch.id }, owner);
    expect(foreignBatch.status).toBe(404);
    expect(await errorOf(foreignBatch)).toMatchObject({ message: "No such batch.", data: { code: "NOT_FOUND" } });
    // A foreign run named beside one's own batch.
    const foreignRow = await open("batches.watch", { batchId: world.home.batch.id, runIds: [world.away.failedRun.id] }, owner);
    expect(foreignRow.status).toBe(404);
  });

  it("anonymous or with a revoked token: 401 before any stream opens", async () => {
    const anonymous = await open("operations.watch", { runIds: [world.home.failedRun.id] }, {});
    expect(anonymous.status).toBe(401);
    const { token, record } = await createApiToken(prisma, { userId: world.users.owner.id, name: "revoked" });
    await prisma.apiToken.update({ where: { id: record.id }, data: { revokedAt: new Date() } });
    const revoked = await open("batches.watch", { batchId: world.home.batch.id }, { authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
    expect((await errorOf(revoked)).message).toBe("The API token is invalid, expired or revoked.");
  });
});

describe("the API's methods and body encodings", () => {
  const errorOf = async (response: Response) =>
    superjson.deserialize<{ message: string; data: { code: string } }>(((await response.json()) as { error: SuperJSONResult }).error);

  it("PUT, PATCH, DELETE and OPTIONS are 405 with Allow (not a 415 about a missing content type)", async () => {
    for (const method of ["PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const response = await fetch(`${server.url}/api/trpc/tenants.list`, { method, headers: { ...owner, origin: server.url } });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow"), method).toBe("GET, HEAD, POST");
      const error = await errorOf(response);
      expect(error.data.code, method).toBe("METHOD_NOT_SUPPORTED");
      expect(error.message, method).toBe("The API takes GET for queries and subscriptions, POST for mutations.");
    }
  });

  it("a compressed body is 415 saying so, not a JSON parse error quoting its bytes; nothing runs", async () => {
    const { gzipSync } = await import("node:zlib");
    for (const encoding of ["gzip", "br", "x-unknown"]) {
      const response = await fetch(`${server.url}/api/trpc/tags.create`, {
        method: "POST",
        headers: { ...owner, origin: server.url, "content-type": "application/json", "content-encoding": encoding },
        body: gzipSync(JSON.stringify(superjson.serialize({ workspace: world.workspaces.home.slug, name: `zipped ${encoding}` }))),
      });
      expect(response.status, encoding).toBe(415);
      const error = await errorOf(response);
      expect(error.data.code, encoding).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(error.message, encoding).toBe(`Content-Encoding "${encoding}" is not accepted: send the body uncompressed.`);
    }
    expect(await prisma.tag.count({ where: { name: { startsWith: "zipped" } } })).toBe(0);
    // "identity" is no encoding at all.
    const plain = await fetch(`${server.url}/api/trpc/notifications.markAllRead`, {
      method: "POST",
      headers: { ...owner, origin: server.url, "content-type": "application/json", "content-encoding": "identity" },
      body: "{}",
    });
    expect(plain.status).toBe(200);
  });
});

describe("batched calls", () => {
  it("up to 50 calls in one request are answered one by one; more are a 400 before any of them runs", async () => {
    const batch = (n: number) =>
      fetch(`${server.url}/api/trpc/${Array.from({ length: n }, () => "auth.me").join(",")}?batch=1&input=%7B%7D`, { headers: owner });
    const fifty = await batch(50);
    expect(fifty.status).toBe(200);
    expect(((await fifty.json()) as unknown[]).length).toBe(50);
    const tooMany = await batch(51);
    expect(tooMany.status).toBe(400);
    const body = (await tooMany.json()) as { error: SuperJSONResult };
    expect(superjson.deserialize<{ data: { code: string } }>(body.error).data.code).toBe("BAD_REQUEST");
  });
});
