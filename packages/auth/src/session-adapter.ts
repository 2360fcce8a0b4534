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

/**
 * lucia v3's Adapter on our `sessions` / `users` tables. Hand-written rather than
 * @lucia-auth/adapter-prisma so that it runs on any `Db` (including a caller's transaction),
 * reads session and user in one SQL round trip on every request, and never throws for a
 * session that is already gone (a concurrent logout is not an error).
 */
export class PrismaSessionAdapter implements Adapter {
  constructor(private readonly db: Db) {}

  async getSessionAndUser(sessionId: string): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const rows = await this.db.$queryRaw<SessionAndUserRow[]>(Prisma.sql`
      SELECT s.id, s.user_id, s.expires_at, u.email, u.display_name
      FROM sessions s
      JOIN users u ON u.id = s.user_id
      WHERE s.id = ${sessionId}`);
    const row = rows[0];
    if (!row) return [null, null];
    return [
      { id: row.id, userId: row.user_id, expiresAt: row.expires_at, attributes: {} },
      { id: row.user_id, attributes: { email: row.email, display_name: row.display_name } },
    ];
  }

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
      data: { id: session.id, userId: session.userId, expiresAt: session.expiresAt },
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.session.updateMany({ where: { id: sessionId }, data: { expiresAt } });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.session.deleteMany({ where: { id: sessionId } });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.session.deleteMany({ where: { userId } });
  }

  /** lucia's contract: expires_at at or before the current (machine) time. */
  async deleteExpiredSessions(): Promise<void> {
    await this.db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  }
}

interface SessionAndUserRow {
  id: string;
  user_id: string;
  expires_at: Date;
  email: string;
  display_name: string;
}
