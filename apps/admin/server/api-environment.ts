import type { PrismaClient } from "@tenantpilot/db";
import {
  createSessions,
  loadEncryptionKey,
  type EncryptionKey,
  type LoginThrottlePolicy,
  type SessionOptions,
} from "@tenantpilot/auth";
import { RateLimiter, type ApiEnvironment, type ProviderMode, type RateLimitPolicy, type RunTransitionFeed } from "@tenantpilot/api";

export interface ApiEnvironmentOptions {
  prisma: PrismaClient;
  /** Cookie options (`insecureDevOrigin` for plain-http development on localhost only). */
  session?: SessionOptions;
  /** Default: APP_ENCRYPTION_KEY or the data directory's key file, loaded when a secret is first written. */
  encryptionKey?: EncryptionKey;
  consentRedirectUri?: string;
  loginThrottle?: LoginThrottlePolicy;
  /** TENANTPILOT_PROVIDER: "sandbox" (default, like the worker) or "microsoft". */
  providerMode?: ProviderMode;
  /** Per-user mutations and per-token calls per minute; default defaultRateLimitPolicy. */
  rateLimits?: RateLimitPolicy;
  /** Run transitions heard through LISTEN, for operations.watch; the process owns and closes it. */
  runTransitions?: RunTransitionFeed;
}

/** What the API shares between requests: the database, session handling and the secret key. */
export function createApiEnvironment(options: ApiEnvironmentOptions): ApiEnvironment {
  let key = options.encryptionKey;
  return {
    prisma: options.prisma,
    sessions: createSessions(options.prisma, options.session),
    encryptionKey: () => (key ??= loadEncryptionKey()),
    ...(options.consentRedirectUri === undefined ? {} : { consentRedirectUri: options.consentRedirectUri }),
    ...(options.loginThrottle === undefined ? {} : { loginThrottle: options.loginThrottle }),
    providerMode: options.providerMode ?? "sandbox",
    rateLimiter: new RateLimiter(options.rateLimits),
    ...(options.runTransitions === undefined ? {} : { runTransitions: options.runTransitions }),
  };
}
