import { Lucia, TimeSpan, type Adapter } from "lucia";
import type { Db } from "@tenantpilot/db";
import {
  PrismaSessionAdapter,
  ReadSessionAdapter,
  sessionAbsoluteLifetimeMs,
  sessionReadKeyOf,
  type SessionAndUserRow,
  type SessionReadKey,
} from "./session-adapter";
import { cookieValue } from "./session-cookie";

export const sessionCookieName = "tp_session";
/**
 * Idle lifetime. lucia extends it by a full period once less than half is left (sliding renewal),
 * up to the absolute lifetime counted from login (session-adapter.ts).
 */
export const sessionLifetime = new TimeSpan(12, "h");

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
}

export interface SessionInfo {
  id: string;
  userId: string;
  expiresAt: Date;
  /** True when this validation extended the session: the caller must send `setCookie`. */
  fresh: boolean;
}

export type SessionValidation =
  | { valid: true; user: SessionUser; session: SessionInfo; setCookie: string | null }
  /** `setCookie` clears the stale cookie in the browser. */
  | { valid: false; setCookie: string };

export interface SessionOptions {
  /**
   * Local development over plain http only: the app's origin, e.g. "http://localhost:3000".
   * Drops the Secure flag (browsers would not send the cookie back over http otherwise).
   * Anything that is not an http origin on a loopback host is refused.
   */
  insecureDevOrigin?: string;
  /** A session ends this long after login however active it is (default 24 hours). */
  absoluteLifetimeMs?: number;
}

/** Session handling bound to one `Db`; cheap to create (per request, or per transaction). */
export interface Sessions {
  readonly cookieName: string;
  /** A new session for a user who just proved who they are, and its Set-Cookie header value. */
  createSession(userId: string): Promise<{ session: SessionInfo; setCookie: string }>;
  validateSession(sessionId: string): Promise<SessionValidation>;
  /**
   * What the read validateSession makes looks for, for a caller that reads more in the same statement
   * (the start read-ahead, ADR 023: sessionAndUserQueryFor). Null when the id cannot be a session:
   * validateSession answers it unread.
   */
  sessionReadKey(sessionId: string): SessionReadKey | null;
  /** validateSession with its read already made: `row` is what sessionAndUserQueryFor answered (null: no row). */
  validateSessionRead(sessionId: string, row: SessionAndUserRow | null): Promise<SessionValidation>;
  /** Reads the session cookie from a Cookie header and validates it; null when there is no cookie. */
  validateCookieHeader(cookieHeader: string | null | undefined): Promise<SessionValidation | null>;
  invalidateSession(sessionId: string): Promise<void>;
  /** Logout everywhere. */
  invalidateUserSessions(userId: string): Promise<void>;
  deleteExpiredSessions(): Promise<void>;
  readSessionCookie(cookieHeader: string | null | undefined): string | null;
  /** Set-Cookie header value carrying `sessionId`. */
  sessionCookie(sessionId: string): string;
  /** Set-Cookie header value that deletes the session cookie (logout). */
  blankSessionCookie(): string;
}

declare module "lucia" {
  interface Register {
    // Types `User` returned by validateSession with the attributes mapped in createSessions.
    Lucia: Lucia<Record<never, never>, { email: string; displayName: string }>;
  }
}

// lucia ids carry 200 bits in 40 base32 characters; anything far longer is not ours and
// is not worth a database round trip.
const MAX_SESSION_ID_LENGTH = 128;

export function createSessions(db: Db, options: SessionOptions = {}): Sessions {
  const secure = options.insecureDevOrigin === undefined ? true : !assertLoopbackHttpOrigin(options.insecureDevOrigin);
  const absoluteLifetimeMs = options.absoluteLifetimeMs ?? sessionAbsoluteLifetimeMs;
  const adapter = new PrismaSessionAdapter(db, { absoluteLifetimeMs });
  const luciaOn = (sessionAdapter: Adapter) =>
    new Lucia(sessionAdapter, {
      sessionExpiresIn: sessionLifetime,
      sessionCookie: {
        name: sessionCookieName,
        // lucia defaults to HttpOnly; path "/". Lax: sent on top-level navigation from other
        // sites (links into the app keep working), never on their cross-site POSTs.
        attributes: { secure, sameSite: "lax", path: "/" },
      },
      getUserAttributes: (attributes) => ({ email: attributes.email, displayName: attributes.display_name }),
    });
  const lucia = luciaOn(adapter);

  const invalid = (): SessionValidation => ({ valid: false, setCookie: lucia.createBlankSessionCookie().serialize() });
  const possibleId = (sessionId: string) => sessionId !== "" && sessionId.length <= MAX_SESSION_ID_LENGTH;

  // lucia decides (expired → removed, half-way → renewed) whether it read the row itself or was handed it.
  const validateWith = async (validator: Lucia, sessionId: string): Promise<SessionValidation> => {
    if (!possibleId(sessionId)) return invalid();
    const { session, user } = await validator.validateSession(sessionId);
    if (!session) return invalid();
    return {
      valid: true,
      user: { id: user.id, email: user.email, displayName: user.displayName },
      session: { id: session.id, userId: session.userId, expiresAt: session.expiresAt, fresh: session.fresh },
      setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
    };
  };

  const validateSession = (sessionId: string) => validateWith(lucia, sessionId);

  const readSessionCookie = (cookieHeader: string | null | undefined): string | null =>
    cookieHeader ? cookieValue(cookieHeader, sessionCookieName) : null;

  return {
    cookieName: sessionCookieName,
    async createSession(userId) {
      const session = await lucia.createSession(userId, {});
      return {
        session: { id: session.id, userId: session.userId, expiresAt: session.expiresAt, fresh: session.fresh },
        setCookie: lucia.createSessionCookie(session.id).serialize(),
      };
    },
    validateSession,
    sessionReadKey: (sessionId) => (possibleId(sessionId) ? sessionReadKeyOf(sessionId, absoluteLifetimeMs) : null),
    validateSessionRead: (sessionId, row) => validateWith(luciaOn(new ReadSessionAdapter(adapter, { sessionId, row })), sessionId),
    async validateCookieHeader(cookieHeader) {
      const sessionId = readSessionCookie(cookieHeader);
      return sessionId === null ? null : validateSession(sessionId);
    },
    invalidateSession: (sessionId) => lucia.invalidateSession(sessionId),
    invalidateUserSessions: (userId) => lucia.invalidateUserSessions(userId),
    deleteExpiredSessions: () => lucia.deleteExpiredSessions(),
    readSessionCookie,
    sessionCookie: (sessionId) => lucia.createSessionCookie(sessionId).serialize(),
    blankSessionCookie: () => lucia.createBlankSessionCookie().serialize(),
  };
}

/** Returns true (the cookie may be insecure) or throws: an explicit opt-out must never reach a real host. */
function assertLoopbackHttpOrigin(origin: string): true {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`insecureDevOrigin must be an origin such as http://localhost:3000, got "${origin}"`);
  }
  const loopback = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  if (url.protocol !== "http:" || !loopback) {
    throw new Error(
      `insecureDevOrigin "${origin}" is not http on localhost: session cookies stay Secure everywhere else`,
    );
  }
  return true;
}
