import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createSessions, sessionCookieName } from "../src/sessions";
import { hashSessionId, PrismaSessionAdapter } from "../src/session-adapter";
import { testPrisma } from "@tenantpilot/test-support";
import { createUser } from "./fixtures";

const prisma = testPrisma();
afterAll(() => prisma.$disconnect());

const HOUR = 3_600_000;
const sessions = createSessions(prisma);
let user: Awaited<ReturnType<typeof createUser>>;

beforeEach(async () => {
  user = await createUser(prisma, { displayName: "Ada Admin" });
});

async function setExpiry(sessionId: string, expiresAt: Date) {
  await prisma.session.update({ where: { id: hashSessionId(sessionId) }, data: { expiresAt } });
}

function cookieAttributes(header: string): Map<string, string> {
  const [, ...attributes] = header.split("; ");
  return new Map(attributes.map((part) => {
    const [name, value = ""] = part.split("=");
    return [name!.toLowerCase(), value];
  }));
}

describe("sessions", () => {
  it("creates a 12-hour session stored in the database with a secure cookie", async () => {
    const before = Date.now();
    const { session, setCookie } = await sessions.createSession(user.id);
    expect(session.id).toMatch(/^[a-z2-7]{40}$/);
    expect(session.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 12 * HOUR);
    expect(session.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 12 * HOUR);
    const row = await prisma.session.findUniqueOrThrow({ where: { id: hashSessionId(session.id) } });
    expect(row.userId).toBe(user.id);
    expect(row.expiresAt.getTime()).toBe(session.expiresAt.getTime());

    expect(setCookie.startsWith(`${sessionCookieName}=${session.id}; `)).toBe(true);
    const attributes = cookieAttributes(setCookie);
    expect(attributes.has("httponly")).toBe(true);
    expect(attributes.has("secure")).toBe(true);
    expect(attributes.get("samesite")).toBe("Lax");
    expect(attributes.get("path")).toBe("/");
    expect(attributes.get("max-age")).toBe(String(12 * 3600));
  });

  it("validates a session and returns its user; a new session needs no new cookie", async () => {
    const { session } = await sessions.createSession(user.id);
    const result = await sessions.validateSession(session.id);
    expect(result).toEqual({
      valid: true,
      user: { id: user.id, email: user.email, displayName: "Ada Admin" },
      session: { id: session.id, userId: user.id, expiresAt: session.expiresAt, fresh: false },
      setCookie: null,
    });
  });

  it("reads the session from a Cookie header", async () => {
    const { session } = await sessions.createSession(user.id);
    const result = await sessions.validateCookieHeader(`theme=dark; ${sessionCookieName}=${session.id}; other=1`);
    expect(result).toMatchObject({ valid: true, user: { id: user.id } });
    expect(await sessions.validateCookieHeader("theme=dark")).toBeNull();
    expect(await sessions.validateCookieHeader(undefined)).toBeNull();
  });

  it("rejects an expired session, deletes it and clears the cookie", async () => {
    const { session } = await sessions.createSession(user.id);
    await setExpiry(session.id, new Date(Date.now() - 1000));
    const result = await sessions.validateSession(session.id);
    expect(result.valid).toBe(false);
    expect(cookieAttributes(result.setCookie!).get("max-age")).toBe("0");
    expect(result.setCookie!.startsWith(`${sessionCookieName}=; `)).toBe(true);
    expect(await prisma.session.findUnique({ where: { id: hashSessionId(session.id) } })).toBeNull();
  });

  it("rejects unknown and absurd session ids", async () => {
    expect(await sessions.validateSession("a".repeat(40))).toMatchObject({ valid: false });
    expect(await sessions.validateSession("")).toMatchObject({ valid: false });
    expect(await sessions.validateSession("x".repeat(10_000))).toMatchObject({ valid: false });
  });

  it("slides: a session used in the second half of its life is extended by 12 hours", async () => {
    const { session } = await sessions.createSession(user.id);
    await setExpiry(session.id, new Date(Date.now() + 5 * HOUR));
    const before = Date.now();
    const result = await sessions.validateSession(session.id);
    if (!result.valid) throw new Error("expected a valid session");
    expect(result.session.fresh).toBe(true);
    expect(result.session.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 12 * HOUR);
    expect(result.setCookie).not.toBeNull();
    expect(result.setCookie!.startsWith(`${sessionCookieName}=${session.id}; `)).toBe(true);
    expect(cookieAttributes(result.setCookie!).get("max-age")).toBe(String(12 * 3600));
    const row = await prisma.session.findUniqueOrThrow({ where: { id: hashSessionId(session.id) } });
    expect(row.expiresAt.getTime()).toBe(result.session.expiresAt.getTime());
  });

  it("does not extend a session still in the first half of its life", async () => {
    const { session } = await sessions.createSession(user.id);
    const expiresAt = new Date(Date.now() + 7 * HOUR);
    await setExpiry(session.id, expiresAt);
    const result = await sessions.validateSession(session.id);
    expect(result).toMatchObject({ valid: true, session: { fresh: false }, setCookie: null });
    const row = await prisma.session.findUniqueOrThrow({ where: { id: hashSessionId(session.id) } });
    expect(row.expiresAt.getTime()).toBe(expiresAt.getTime());
  });

  it("logs out one session", async () => {
    const first = await sessions.createSession(user.id);
    const second = await sessions.createSession(user.id);
    await sessions.invalidateSession(first.session.id);
    expect((await sessions.validateSession(first.session.id)).valid).toBe(false);
    expect((await sessions.validateSession(second.session.id)).valid).toBe(true);
    // Logging out twice (two tabs) is not an error.
    await expect(sessions.invalidateSession(first.session.id)).resolves.toBeUndefined();
    const blank = sessions.blankSessionCookie();
    expect(blank.startsWith(`${sessionCookieName}=; `)).toBe(true);
    expect(cookieAttributes(blank).get("max-age")).toBe("0");
  });

  it("logs out everywhere without touching other users", async () => {
    const other = await createUser(prisma);
    const mine = await Promise.all([sessions.createSession(user.id), sessions.createSession(user.id)]);
    const theirs = await sessions.createSession(other.id);
    await sessions.invalidateUserSessions(user.id);
    for (const { session } of mine) expect((await sessions.validateSession(session.id)).valid).toBe(false);
    expect((await sessions.validateSession(theirs.session.id)).valid).toBe(true);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("deletes expired sessions only", async () => {
    const live = await sessions.createSession(user.id);
    const dead = await sessions.createSession(user.id);
    await setExpiry(dead.session.id, new Date(Date.now() - HOUR));
    await sessions.deleteExpiredSessions();
    expect(await prisma.session.findUnique({ where: { id: hashSessionId(dead.session.id) } })).toBeNull();
    expect(await prisma.session.findUnique({ where: { id: hashSessionId(live.session.id) } })).not.toBeNull();
  });

  it("runs inside a caller's transaction", async () => {
    let created = "";
    await expect(
      prisma.$transaction(async (tx) => {
        created = (await createSessions(tx).createSession(user.id)).session.id;
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(created).not.toBe("");
    expect(await prisma.session.findUnique({ where: { id: hashSessionId(created) } })).toBeNull();
  });
});

describe("stored by hash, with an absolute lifetime", () => {
  it("stores only the SHA-256 of the id: the cookie value is in no column of the table", async () => {
    const { session, setCookie } = await sessions.createSession(user.id);
    const rows = await prisma.$queryRaw<{ row: string }[]>`SELECT s::text AS row FROM sessions s WHERE user_id = ${user.id}::uuid`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).not.toContain(session.id);
    expect(rows[0]!.row).toContain(hashSessionId(session.id));
    expect(setCookie).toContain(session.id);
    // The stored value itself does not work as a cookie.
    expect((await sessions.validateSession(hashSessionId(session.id))).valid).toBe(false);
  });

  it("the database refuses a row whose id is not a SHA-256 hex", async () => {
    await expect(prisma.session.create({ data: { id: "plain-session-id", userId: user.id, expiresAt: new Date(Date.now() + HOUR) } })).rejects.toThrow();
  });

  it("ends a session a day after login however active it is, and cleans it up", async () => {
    const { session } = await sessions.createSession(user.id);
    // Used all along (the idle expiry is in the future), but logged in 25 hours ago.
    await prisma.session.update({ where: { id: hashSessionId(session.id) }, data: { createdAt: new Date(Date.now() - 25 * HOUR) } });
    const result = await sessions.validateSession(session.id);
    expect(result.valid).toBe(false);
    expect(result.setCookie).toMatch(/^tp_session=; /);
    await sessions.deleteExpiredSessions();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    // A shorter cap is honoured the same way.
    const short = createSessions(prisma, { absoluteLifetimeMs: 60_000 });
    const fresh = await short.createSession(user.id);
    expect((await short.validateSession(fresh.session.id)).valid).toBe(true);
    await prisma.session.update({ where: { id: hashSessionId(fresh.session.id) }, data: { createdAt: new Date(Date.now() - 61_000) } });
    expect((await short.validateSession(fresh.session.id)).valid).toBe(false);
  });
});

describe("session cookie security", () => {
  it("drops Secure only for an explicit http://localhost development origin", () => {
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:3000"]) {
      const dev = createSessions(prisma, { insecureDevOrigin: origin });
      const attributes = cookieAttributes(dev.sessionCookie("abc"));
      expect(attributes.has("secure")).toBe(false);
      expect(attributes.has("httponly")).toBe(true);
      expect(attributes.get("samesite")).toBe("Lax");
    }
  });

  it("refuses the opt-out for anything but http on a loopback host", () => {
    for (const origin of ["https://localhost:3000", "http://admin.example.com", "http://10.0.0.5:3000", "localhost"]) {
      expect(() => createSessions(prisma, { insecureDevOrigin: origin })).toThrow(/insecureDevOrigin/);
    }
  });
});

describe("PrismaSessionAdapter (lucia v3 Adapter contract)", () => {
  const adapter = new PrismaSessionAdapter(prisma);

  it("stores, reads, extends and deletes sessions", async () => {
    const expiresAt = new Date(Date.now() + HOUR);
    await adapter.setSession({ id: "adapter-session-1", userId: user.id, expiresAt, attributes: {} });
    expect(await adapter.getSessionAndUser("adapter-session-1")).toEqual([
      { id: "adapter-session-1", userId: user.id, expiresAt, attributes: {} },
      { id: user.id, attributes: { email: user.email, display_name: "Ada Admin" } },
    ]);
    expect(await adapter.getSessionAndUser("missing")).toEqual([null, null]);

    const later = new Date(Date.now() + 2 * HOUR);
    await adapter.updateSessionExpiration("adapter-session-1", later);
    // Listed by their stored ids: hashes, which nobody can use as a session.
    expect(await adapter.getUserSessions(user.id)).toEqual([
      { id: hashSessionId("adapter-session-1"), userId: user.id, expiresAt: later, attributes: {} },
    ]);
    // Updating or deleting a session that is already gone is not an error.
    await adapter.updateSessionExpiration("missing", later);
    await adapter.deleteSession("adapter-session-1");
    await adapter.deleteSession("adapter-session-1");
    expect(await adapter.getUserSessions(user.id)).toEqual([]);
  });

  it("deleteExpiredSessions removes sessions expiring at or before now", async () => {
    await adapter.setSession({ id: "exp-past", userId: user.id, expiresAt: new Date(Date.now() - 1), attributes: {} });
    await adapter.setSession({ id: "exp-future", userId: user.id, expiresAt: new Date(Date.now() + HOUR), attributes: {} });
    await adapter.deleteExpiredSessions();
    expect((await adapter.getUserSessions(user.id)).map((s) => s.id)).toEqual([hashSessionId("exp-future")]);
  });

  it("deleteUserSessions removes only that user's sessions", async () => {
    const other = await createUser(prisma);
    const expiresAt = new Date(Date.now() + HOUR);
    await adapter.setSession({ id: "mine-1", userId: user.id, expiresAt, attributes: {} });
    await adapter.setSession({ id: "theirs-1", userId: other.id, expiresAt, attributes: {} });
    await adapter.deleteUserSessions(user.id);
    expect(await adapter.getUserSessions(user.id)).toEqual([]);
    expect(await adapter.getUserSessions(other.id)).toHaveLength(1);
  });
});
