import { createHash } from "node:crypto";
import { Prisma, type Db } from "@tenantpilot/db";

export type ThrottleScope = "email" | "ip";

export interface ThrottleRule {
  /** Attempts allowed per window; the next one is refused until the window ends. */
  maxAttempts: number;
  windowSeconds: number;
}

export interface LoginThrottlePolicy {
  email: ThrottleRule;
  ip: ThrottleRule;
}

/**
 * 5 failures per email per 15 minutes stops online guessing of one account; the per-network
 * limit is higher because offices share one address, and stops one client spraying many accounts.
 */
export const defaultLoginThrottlePolicy: LoginThrottlePolicy = Object.freeze({
  email: Object.freeze({ maxAttempts: 5, windowSeconds: 15 * 60 }),
  ip: Object.freeze({ maxAttempts: 30, windowSeconds: 15 * 60 }),
});

export type Reservation = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one attempt for `subject` before its password is checked, or refuses it when the
 * window is full. One statement: the row lock taken by ON CONFLICT DO UPDATE serialises
 * concurrent attempts, and the WHERE is re-checked on the locked row, so N simultaneous
 * attempts are counted exactly and at most `maxAttempts` of them get through.
 * Times are the database's, so several app servers agree on the windows.
 */
export async function reserveLoginAttempt(
  db: Db,
  scope: ThrottleScope,
  subject: string,
  rule: ThrottleRule,
): Promise<Reservation> {
  const subjectHash = hashSubject(scope, subject);
  const windowEnded = Prisma.sql`login_throttles.window_started_at <= now() - ${rule.windowSeconds}::int * interval '1 second'`;
  const reserved = await db.$queryRaw<{ attempts: number }[]>(Prisma.sql`
    INSERT INTO login_throttles (scope, subject_hash, attempts, window_started_at)
    VALUES (${scope}, ${subjectHash}, 1, now())
    ON CONFLICT (scope, subject_hash) DO UPDATE SET
      attempts = CASE WHEN ${windowEnded} THEN 1 ELSE login_throttles.attempts + 1 END,
      window_started_at = CASE WHEN ${windowEnded} THEN now() ELSE login_throttles.window_started_at END
    WHERE ${windowEnded} OR login_throttles.attempts < ${rule.maxAttempts}::int
    RETURNING attempts`);
  if (reserved.length > 0) return { ok: true };

  const [row] = await db.$queryRaw<{ retry_after: number }[]>(Prisma.sql`
    SELECT ceil(extract(epoch FROM window_started_at + ${rule.windowSeconds}::int * interval '1 second' - now()))::int AS retry_after
    FROM login_throttles
    WHERE scope = ${scope} AND subject_hash = ${subjectHash}`);
  // The window may have ended between the two statements: the client may retry right away.
  return { ok: false, retryAfterSeconds: Math.max(1, row?.retry_after ?? 1) };
}

/** Gives back an attempt that turned out not to be a failure (a successful login). */
export async function releaseLoginAttempt(db: Db, scope: ThrottleScope, subject: string): Promise<void> {
  await db.$executeRaw(Prisma.sql`
    UPDATE login_throttles SET attempts = GREATEST(attempts - 1, 0)
    WHERE scope = ${scope} AND subject_hash = ${hashSubject(scope, subject)}`);
}

/** Forgets all attempts for a subject (the account's owner just logged in). */
export async function clearLoginAttempts(db: Db, scope: ThrottleScope, subject: string): Promise<void> {
  await db.$executeRaw(Prisma.sql`
    DELETE FROM login_throttles WHERE scope = ${scope} AND subject_hash = ${hashSubject(scope, subject)}`);
}

/** Housekeeping: removes counters whose window has ended; they would be reset on next use anyway. */
export async function deleteExpiredLoginThrottles(
  db: Db,
  policy: LoginThrottlePolicy = defaultLoginThrottlePolicy,
): Promise<number> {
  const longestWindow = Math.max(policy.email.windowSeconds, policy.ip.windowSeconds);
  return db.$executeRaw(Prisma.sql`
    DELETE FROM login_throttles WHERE window_started_at <= now() - ${longestWindow}::int * interval '1 second'`);
}

/** The stored key: the table never holds the email addresses or IPs themselves. */
export function hashSubject(scope: ThrottleScope, subject: string): string {
  return createHash("sha256").update(`${scope}:${subject}`).digest("hex");
}
