// Server-side callers for API tests: the real router, context and authorization, with the
// credential chosen by the test (HTTP tests use the real cookie/token resolution instead).
import { createCaller, type ApiEnvironment, type Context } from "@tenantpilot/api";
import { createSessions, generateEncryptionKeyText, loadEncryptionKey, type LoginThrottlePolicy } from "@tenantpilot/auth";
import type { PrismaClient } from "@tenantpilot/db";

export const testOrigin = "https://admin.example.test";

export function testEnvironment(prisma: PrismaClient, options: { loginThrottle?: LoginThrottlePolicy } = {}): ApiEnvironment {
  const key = loadEncryptionKey({ env: { ...process.env, APP_ENCRYPTION_KEY: generateEncryptionKeyText() } });
  return {
    prisma,
    sessions: createSessions(prisma),
    encryptionKey: () => key,
    ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}),
  };
}

export interface TestUser {
  id: string;
  email: string;
  displayName: string;
}

export function testContext(env: ApiEnvironment, user: TestUser | null, options: { sameOrigin?: boolean } = {}): Context {
  return {
    env,
    db: env.prisma,
    credential: user
      ? { kind: "session", user, sessionId: "test-session-not-stored", expiresAt: new Date(Date.now() + 3_600_000) }
      : { kind: "anonymous", rejectedBearer: false },
    sameOrigin: options.sameOrigin ?? true,
    selfOrigin: testOrigin,
    clientIp: "203.0.113.7",
    resHeaders: new Headers(),
  };
}

export function callerAs(env: ApiEnvironment, user: TestUser | null, options: { sameOrigin?: boolean } = {}) {
  return createCaller(testContext(env, user, options));
}

/** The error a call rejects with, as { code, message } (throws when the call succeeds). */
export async function rejection(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return { code: String(code), message: String(message) };
  }
  throw new Error("expected the call to be rejected, it succeeded");
}
