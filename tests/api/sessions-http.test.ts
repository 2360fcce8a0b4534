// Sessions and API tokens over real HTTP (the admin app's Express server, API only).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, hashSessionId } from "@tenantpilot/auth";
import { testPrisma } from "@tenantpilot/test-support";
import { startAdminServer, type RunningServer } from "./support/admin-server";
import { sessionCookie, trpcMutation, trpcQuery } from "./support/raw-trpc";
import { PASSWORD, seedWorld } from "./support/world";

const prisma = testPrisma(10);
let server: RunningServer;
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  server = await startAdminServer(prisma, { loginThrottle: { email: { maxAttempts: 3, windowSeconds: 900 }, ip: { maxAttempts: 1000, windowSeconds: 900 } } });
});
afterAll(async () => {
  await server.close();
  await prisma.$disconnect();
});

const HOUR = 3_600_000;

async function login(email: string, base = server) {
  const response = await trpcMutation(base.url, "auth.login", { email, password: PASSWORD }, { origin: base.url });
  const cookie = sessionCookie(response.headers);
  if (response.status !== 200 || !cookie) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.error)}`);
  return { response, cookie, header: { cookie: cookie.pair } };
}

describe("login", () => {
  it("sets an HttpOnly, SameSite=Lax, Secure session cookie that authenticates later requests", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const { response, cookie, header } = await login(world.users.owner.email.toUpperCase());
    expect(response.data).toMatchObject({ userId: world.users.owner.id });
    expect(cookie.attributes.has("httponly")).toBe(true);
    expect(cookie.attributes.has("secure")).toBe(true);
    expect(cookie.attributes.get("samesite")).toBe("Lax");
    expect(cookie.attributes.get("path")).toBe("/");
    expect(cookie.attributes.get("max-age")).toBe(String(12 * 3600));
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: hashSessionId(cookie.value) } });
    expect(stored.userId).toBe(world.users.owner.id);

    const me = await trpcQuery(server.url, "auth.me", undefined, header);
    expect(me.status).toBe(200);
    expect(me.data).toMatchObject({ user: { id: world.users.owner.id }, via: "session" });
  });

  it("the cookie value appears in no table of the database; only its SHA-256 is stored", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const { cookie, header } = await login(world.users.owner.email);
    expect((await trpcQuery(server.url, "auth.me", undefined, header)).status).toBe(200);
    const tables = await prisma.$queryRaw<{ schema: string; name: string }[]>`
      SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'graphile_worker')`;
    expect(tables.length).toBeGreaterThan(10);
    const holding: string[] = [];
    for (const table of tables) {
      const [row] = await prisma.$queryRawUnsafe<{ found: boolean }[]>(
        `SELECT EXISTS (SELECT 1 FROM "${table.schema}"."${table.name}" t WHERE strpos(t::text, $1) > 0) AS found`,
        cookie.value,
      );
      if (row?.found) holding.push(`${table.schema}.${table.name}`);
    }
    expect(holding).toEqual([]);
    expect(await prisma.session.count({ where: { id: hashSessionId(cookie.value) } })).toBe(1);
  });

  it("drops Secure only for an explicit plain-http localhost origin", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const insecure = await startAdminServer(prisma, { session: { insecureDevOrigin: "http://localhost:3000" } });
    try {
      const { cookie } = await login(world.users.owner.email, insecure);
      expect(cookie.attributes.has("secure")).toBe(false);
      expect(cookie.attributes.has("httponly")).toBe(true);
    } finally {
      await insecure.close();
    }
  });

  it("answers a wrong password and an unknown email the same way, without a cookie", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const wrong = await trpcMutation(server.url, "auth.login", { email: world.users.owner.email, password: "not the password" }, { origin: server.url });
    const unknown = await trpcMutation(server.url, "auth.login", { email: "nobody@example.test", password: "not the password" }, { origin: server.url });
    expect(wrong.status).toBe(401);
    expect(wrong.error?.message).toBe("Invalid email or password.");
    expect(unknown.error?.message).toBe(wrong.error?.message);
    expect(sessionCookie(wrong.headers)).toBeNull();
  });

  it("throttles repeated failures with 429, Retry-After and retryAfterSeconds", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const attempt = () => trpcMutation(server.url, "auth.login", { email: world.users.readonly.email, password: "guessing 12345" }, { origin: server.url });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const throttled = await attempt();
    expect(throttled.status).toBe(429);
    expect(throttled.error?.data.code).toBe("TOO_MANY_REQUESTS");
    const retryAfter = Number(throttled.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(throttled.error?.data.retryAfterSeconds).toBe(retryAfter);
    // Even the right password is refused while throttled.
    const right = await trpcMutation(server.url, "auth.login", { email: world.users.readonly.email, password: PASSWORD }, { origin: server.url });
    expect(right.status).toBe(429);
  });

  it("a new login replaces the session the browser had", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const first = await login(world.users.owner.email);
    const second = await trpcMutation(server.url, "auth.login", { email: world.users.manager.email, password: PASSWORD }, { origin: server.url, ...first.header });
    const cookie = sessionCookie(second.headers);
    expect(cookie?.value).not.toBe(first.cookie.value);
    expect(await prisma.session.findUnique({ where: { id: hashSessionId(first.cookie.value) } })).toBeNull();
  });
});

describe("session lifetime", () => {
  it("an expired session is refused and its cookie cleared", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const { cookie, header } = await login(world.users.owner.email);
    await prisma.session.update({ where: { id: hashSessionId(cookie.value) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const me = await trpcQuery(server.url, "auth.me", undefined, header);
    expect(me.status).toBe(401);
    expect(me.error?.message).toBe("Log in first.");
    const cleared = sessionCookie(me.headers);
    expect(cleared?.value).toBe("");
    expect(cleared?.attributes.get("max-age")).toBe("0");
  });

  it("a session past half its lifetime is renewed (sliding) with a fresh cookie", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const { cookie, header } = await login(world.users.owner.email);
    await prisma.session.update({ where: { id: hashSessionId(cookie.value) }, data: { expiresAt: new Date(Date.now() + HOUR) } });
    const me = await trpcQuery(server.url, "tenants.list", undefined, header);
    expect(me.status).toBe(200);
    const renewed = sessionCookie(me.headers);
    expect(renewed?.value).toBe(cookie.value);
    expect(renewed?.attributes.get("max-age")).toBe(String(12 * 3600));
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: hashSessionId(cookie.value) } });
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 11 * HOUR);

    const quiet = await trpcQuery(server.url, "auth.me", undefined, header);
    expect(sessionCookie(quiet.headers)).toBeNull();
  });

  it("logout ends the session and clears the cookie", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const { cookie, header } = await login(world.users.owner.email);
    const out = await trpcMutation(server.url, "auth.logout", undefined, { ...header, origin: server.url });
    expect(out.status).toBe(200);
    expect(sessionCookie(out.headers)?.value).toBe("");
    expect(await prisma.session.findUnique({ where: { id: hashSessionId(cookie.value) } })).toBeNull();
    expect((await trpcQuery(server.url, "auth.me", undefined, header)).status).toBe(401);
  });

  it("logout everywhere ends every session of the user, not other users'", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const laptop = await login(world.users.owner.email);
    const phone = await login(world.users.owner.email);
    const colleague = await login(world.users.manager.email);
    const out = await trpcMutation(server.url, "auth.logoutEverywhere", undefined, { ...laptop.header, origin: server.url });
    expect(out.status).toBe(200);
    expect((await trpcQuery(server.url, "auth.me", undefined, laptop.header)).status).toBe(401);
    expect((await trpcQuery(server.url, "auth.me", undefined, phone.header)).status).toBe(401);
    expect((await trpcQuery(server.url, "auth.me", undefined, colleague.header)).status).toBe(200);
  });
});

describe("API tokens over HTTP", () => {
  it("a token made with a session authenticates Bearer calls until it is revoked", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const { header } = await login(world.users.operator.email);
    const created = await trpcMutation(server.url, "apiTokens.create", { name: "ci" }, { ...header, origin: server.url });
    expect(created.status).toBe(200);
    const { token, record } = created.data as { token: string; record: { id: string } };
    const bearer = { authorization: `Bearer ${token}` };

    const me = await trpcQuery(server.url, "auth.me", undefined, bearer);
    expect(me.data).toMatchObject({ user: { id: world.users.operator.id }, via: "token", sessionExpiresAt: null });

    // Tokens cannot mint tokens: only a session can.
    const minted = await trpcMutation(server.url, "apiTokens.create", { name: "sneaky" }, bearer);
    expect(minted.status).toBe(403);

    // A start made with a token is audited as the user's token.
    const blocked = await trpcMutation(server.url, "operations.start", { tenant: world.tenants.consentMissing.tenant.slug, operation: "inventory.sync" }, bearer);
    expect(blocked.data).toMatchObject({ outcome: "blocked" });
    const disabled = await trpcMutation(server.url, "connections.disable", { connectionId: world.tenants.ready.connection!.id }, bearer);
    expect(disabled.status).toBe(403); // operators do not manage connections

    const revoked = await trpcMutation(server.url, "apiTokens.revoke", { tokenId: record.id }, bearer);
    expect(revoked.status).toBe(200);
    const after = await trpcQuery(server.url, "auth.me", undefined, bearer);
    expect(after.status).toBe(401);
    expect(after.error?.message).toBe("The API token is invalid, expired or revoked.");
    // A bad Bearer header is not silently downgraded to the cookie.
    expect((await trpcQuery(server.url, "auth.me", undefined, { ...bearer, ...header })).status).toBe(401);
  });

  it("writes made with a token are audited with actor_kind token", async () => {
    const world = await seedWorld(prisma, { passwordHash });
    const { header } = await login(world.users.owner.email);
    const created = await trpcMutation(server.url, "apiTokens.create", { name: "automation" }, { ...header, origin: server.url });
    const { token, record } = created.data as { token: string; record: { id: string } };
    const connectionId = world.tenants.ready.connection!.id;
    const disabled = await trpcMutation(server.url, "connections.disable", { connectionId }, { authorization: `Bearer ${token}` });
    expect(disabled.status).toBe(200);
    const entry = await prisma.auditLogEntry.findFirstOrThrow({ where: { targetId: connectionId, action: "connection.disabled" } });
    expect(entry).toMatchObject({ actorKind: "token", actorUserId: world.users.owner.id, details: { tokenId: record.id } });
  });
});
