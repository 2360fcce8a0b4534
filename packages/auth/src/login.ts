import { randomBytes } from "node:crypto";
import type { Db } from "@tenantpilot/db";
import { clientNetwork } from "./client-network";
import {
  clearLoginAttempts,
  defaultLoginThrottlePolicy,
  releaseLoginAttempt,
  reserveLoginAttempt,
  type LoginThrottlePolicy,
} from "./login-throttle";
import { hashPassword, passwordPolicy, verifyPassword } from "./password";

export interface LoginInput {
  email: string;
  password: string;
  /** The client's address as the app's trusted proxy reports it. */
  ip: string;
}

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; error: "invalid_credentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

export interface LoginOptions {
  throttle?: LoginThrottlePolicy | undefined;
}

/** Emails are stored lower-cased (a CHECK on users.email enforces it). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email and password. Unknown email, account without a password and wrong password
 * give the same answer after the same argon2 work, so neither the answer nor its timing says
 * whether an account exists. Every attempt counts against the email and the client network
 * before the password is checked (see login-throttle.ts); a success gives the network's
 * attempt back and clears the email's counter. Creating the session is the caller's step.
 */
export async function login(db: Db, input: LoginInput, options: LoginOptions = {}): Promise<LoginResult> {
  const policy = options.throttle ?? defaultLoginThrottlePolicy;
  const email = normalizeEmail(input.email);
  const network = clientNetwork(input.ip);

  const byNetwork = await reserveLoginAttempt(db, "ip", network, policy.ip);
  if (!byNetwork.ok) return { ok: false, error: "throttled", retryAfterSeconds: byNetwork.retryAfterSeconds };
  const byEmail = await reserveLoginAttempt(db, "email", email, policy.email);
  if (!byEmail.ok) {
    // A refused attempt is not a failure: it must not also use up the network's allowance.
    await releaseLoginAttempt(db, "ip", network);
    return { ok: false, error: "throttled", retryAfterSeconds: byEmail.retryAfterSeconds };
  }

  // Awaited for known accounts too: the one-time cost of computing it must not mark unknown ones.
  const fallbackHash = await dummyHash();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const storedHash = user?.passwordHash ?? fallbackHash;
  // Longer than any password we accept: refuse without spending argon2 time on it.
  const plausible = [...input.password].length <= passwordPolicy.maxLength;
  const matches = plausible && (await verifyPassword(storedHash, input.password));
  if (!user?.passwordHash || !matches) return { ok: false, error: "invalid_credentials" };

  await clearLoginAttempts(db, "email", email);
  await releaseLoginAttempt(db, "ip", network);
  return { ok: true, userId: user.id };
}

let dummy: Promise<string> | undefined;

/** A real argon2id hash with our parameters, of a password nobody knows, computed once per process. */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString("base64url"));
  return dummy;
}
