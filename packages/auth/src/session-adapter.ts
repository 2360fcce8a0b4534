import { createHash } from "node:crypto";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { Prisma, type Db } from "@tenantpilot/db";

/** User columns that lucia hands to `getUserAttributes` (see sessions.ts). */
export interface SessionUserRow {
  email: string;
  display_name: string;
}

declare module "lucia" {
  interface Register {
    UserId: string;
    DatabaseUserAttributes: SessionUserRow;
  }
}

export interface SessionAdapterOptions {
  /**
   * A session ends this long after it was created, however often it was used (the sliding idle
   * lifetime is lucia's). Default: sessionAbsoluteLifetimeMs.
   */
  absoluteLifetimeMs?: number;
}

/** However active, a session ends a day after login: a stolen cookie does not live forever. */
export const sessionAbsoluteLifetimeMs = 24 * 3_600_000;

/** What the `sessions` table stores for a session id: its SHA-256, hex (CHECK in SQL). */
export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

/**
 * lucia v3's Adapter on our `sessions` / `users` tables. Hand-written rather than
 * @lucia-auth/adapter-prisma so that it runs on any `Db` (including a caller's transaction),
 * reads session and user in one SQL round trip on every request, and never throws for a
 * session that is already gone (a concurrent logout is not an error).
 *
 * lucia hands the adapter the id the browser holds; the adapter stores and looks up only its
 * SHA-256, so the table never holds a usable session id. Sessions past the absolute lifetime
 * are not found, whatever their sliding expiry says.
 */
export class PrismaSessionAdapter implements Adapter {
  private readonly absoluteLifetimeMs: number;

  constructor(
    private readonly db: Db,
    options: SessionAdapterOptions = {},
  ) {
    this.absoluteLifetimeMs = options.absoluteLifetimeMs ?? sessionAbsoluteLifetimeMs;
  }

  async getSessionAndUser(sessionId: string): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const rows = await this.db.$queryRaw<SessionAndUserRow[]>(sessionAndUserQuery(sessionId, this.absoluteLifetimeMs));
    return sessionAndUserOf(sessionId, rows[0] ?? null);
  }

  /**
   * The user's sessions by their stored ids (hashes): enough to count or list them, not to act
   * as them — which is the point. lucia only uses this in `Lucia.getUserSessions`, which the app
   * does not call; logout everywhere goes through deleteUserSessions.
   */
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const sessions = await this.db.session.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
    return sessions.map((session) => ({
      id: session.id,
      userId: session.userId,
      expiresAt: session.expiresAt,
      attributes: {},
    }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db.session.create({
      data: { id: hashSessionId(session.id), userId: session.userId, expiresAt: session.expiresAt },
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.session.updateMany({ where: { id: hashSessionId(sessionId) }, data: { expiresAt } });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.session.deleteMany({ where: { id: hashSessionId(sessionId) } });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.session.deleteMany({ where: { userId } });
  }

  /** lucia's contract (expires_at at or before now), and sessions past the absolute lifetime. */
  async deleteExpiredSessions(): Promise<void> {
    const now = Date.now();
    await this.db.session.deleteMany({
      where: { OR: [{ expiresAt: { lte: new Date(now) } }, { createdAt: { lte: new Date(now - this.absoluteLifetimeMs) } }] },
    });
  }
}

/** What sessionAndUserQuery reads: the session's user and sliding expiry. */
export interface SessionAndUserRow {
  user_id: string;
  expires_at: Date;
  email: string;
  display_name: string;
}

/**
 * The session and its user in one indexed read (sessions_pkey → users_pkey), by the hash of the id
 * the browser holds; nothing past the absolute lifetime.
 */
export function sessionAndUserQuery(sessionId: string, absoluteLifetimeMs: number): Prisma.Sql {
  const key = sessionReadKeyOf(sessionId, absoluteLifetimeMs);
  return sessionAndUserQueryFor(Prisma.sql`${key.idHash}`, Prisma.sql`${key.notBefore}`);
}

/** What one session read looks for: the stored (hashed) id, and the earliest login still alive. */
export interface SessionReadKey {
  idHash: string;
  notBefore: Date;
}

export function sessionReadKeyOf(sessionId: string, absoluteLifetimeMs: number): SessionReadKey {
  return { idHash: hashSessionId(sessionId), notBefore: new Date(Date.now() - absoluteLifetimeMs) };
}

/**
 * The same read with its key supplied by the statement around it (columns of a larger read that needs
 * the caller too: the start read-ahead, ADR 023, which reads a group of requests at once, ADR 043).
 */
export function sessionAndUserQueryFor(idHash: Prisma.Sql, notBefore: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT s.user_id, s.expires_at, u.email, u.display_name
      FROM sessions s
      JOIN users u ON u.id = s.user_id
     WHERE s.id = ${idHash} AND s.created_at > ${notBefore}`;
}

function sessionAndUserOf(sessionId: string, row: SessionAndUserRow | null): [session: DatabaseSession | null, user: DatabaseUser | null] {
  if (!row) return [null, null];
  return [
    // lucia keeps working with the id it was given; only the adapter knows the hash.
    { id: sessionId, userId: row.user_id, expiresAt: row.expires_at, attributes: {} },
    { id: row.user_id, attributes: { email: row.email, display_name: row.display_name } },
  ];
}

/**
 * The adapter for one validation whose read was already made (sessionAndUserQuery inside a larger
 * statement): lucia gets that row instead of reading again, and every write it decides on — the
 * renewal of a session, the removal of an expired one — goes to the database as usual.
 */
export class ReadSessionAdapter implements Adapter {
  constructor(
    private readonly base: Adapter,
    private readonly read: { sessionId: string; row: SessionAndUserRow | null },
  ) {}

  async getSessionAndUser(sessionId: string): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    return sessionId === this.read.sessionId ? sessionAndUserOf(sessionId, this.read.row) : this.base.getSessionAndUser(sessionId);
  }

  getUserSessions(userId: string): Promise<DatabaseSession[]> {
    return this.base.getUserSessions(userId);
  }

  setSession(session: DatabaseSession): Promise<void> {
    return this.base.setSession(session);
  }

  updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    return this.base.updateSessionExpiration(sessionId, expiresAt);
  }

  deleteSession(sessionId: string): Promise<void> {
    return this.base.deleteSession(sessionId);
  }

  deleteUserSessions(userId: string): Promise<void> {
    return this.base.deleteUserSessions(userId);
  }

  deleteExpiredSessions(): Promise<void> {
    return this.base.deleteExpiredSessions();
  }
}
