import type { PrismaClient } from "@tenantpilot/db";
import {
  authenticateApiToken,
  type EncryptionKey,
  type LoginThrottlePolicy,
  type Sessions,
  type SessionUser,
} from "@tenantpilot/auth";
import { isDatabaseUnavailable } from "@tenantpilot/db";
import { databaseUnavailable } from "./errors";
import type { RateLimiter } from "./rate-limit";
import type { RunTransitionFeed } from "./services/live/run-transition-feed";
import { isSameOriginRequest } from "./request-origin";
import { readSessionAndStart, type PlannedStart, type StartReadAhead } from "./start-read-ahead";

/** What the API needs from the process; built once by the server and shared by every request. */
export interface ApiEnvironment {
  prisma: PrismaClient;
  /** Session handling on `prisma` (createSessions), with the app's cookie options. */
  sessions: Sessions;
  /** Loaded on first use: only writes of connection secrets need the key. */
  encryptionKey(): EncryptionKey;
  /**
   * Where Microsoft sends an administrator back after admin consent. Must be registered on the
   * Entra app; defaults to the consent page of the origin the request reached.
   */
  consentRedirectUri?: string;
  loginThrottle?: LoginThrottlePolicy;
  /**
   * Which Microsoft this installation talks to (TENANTPILOT_PROVIDER): in "sandbox" mode the
   * consent link points at the admin app's simulated consent prompt. Default "microsoft".
   */
  providerMode?: ProviderMode;
  /** Per-user and per-token request limits (rate-limit.ts); none when absent (server-side tests). */
  rateLimiter?: RateLimiter;
  /**
   * Run transitions heard through LISTEN (one connection per process, ADR 028). Absent: watches
   * re-read the watched runs every few seconds instead.
   */
  runTransitions?: RunTransitionFeed;
}

export type ProviderMode = "sandbox" | "microsoft";

/** Who is calling, decided once per request; procedures never look at headers themselves. */
export type Credential =
  | { kind: "session"; user: SessionUser; sessionId: string; expiresAt: Date }
  | { kind: "token"; user: SessionUser; tokenId: string }
  /** `rejectedBearer`: an Authorization header was sent but is not a live token. */
  | { kind: "anonymous"; rejectedBearer: boolean };

export interface Context {
  env: ApiEnvironment;
  db: PrismaClient;
  credential: Credential;
  /**
   * The request's Origin (or Referer) is one of the allowed origins and its Sec-Fetch-Site, when
   * sent, says same-origin. Cookie-authenticated mutations require it (CSRF); bearer calls do
   * not, browsers cannot attach our tokens.
   */
  sameOrigin: boolean;
  /** The origin this server was reached at (scheme://host[:port]), for links it hands out. */
  selfOrigin: string;
  clientIp: string;
  /** Headers for the HTTP response (Set-Cookie, Retry-After); the adapter copies them. */
  resHeaders: Headers;
  /** operations.start's reads, made in the session's statement (start-read-ahead.ts); absent otherwise. */
  startReadAhead?: StartReadAhead | undefined;
}

export interface RequestFacts {
  headers: Headers;
  clientIp: string;
  selfOrigin: string;
  /** Origins whose pages may send cookie-authenticated mutations; usually just `selfOrigin`. */
  allowedOrigins: readonly string[];
  /** The request is one operations.start call with this input (plannedStartOf): its reads go with the session's. */
  plannedStart?: PlannedStart | undefined;
}

/**
 * Resolves the caller: a Bearer API token when an Authorization header is present (then the
 * cookie is ignored), otherwise the session cookie. A renewed or stale session cookie is
 * answered with its Set-Cookie in `resHeaders`. An unreachable database is SERVICE_UNAVAILABLE.
 */
export async function createContext(env: ApiEnvironment, request: RequestFacts): Promise<Context> {
  const resHeaders = new Headers();
  const base = {
    env,
    db: env.prisma,
    sameOrigin: isSameOriginRequest(request.headers, request.allowedOrigins),
    selfOrigin: request.selfOrigin,
    clientIp: request.clientIp,
    resHeaders,
  };
  try {
    const caller = await resolveCaller(env, request, resHeaders);
    return { ...base, credential: caller.credential, ...(caller.startReadAhead ? { startReadAhead: caller.startReadAhead } : {}) };
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw databaseUnavailable(error);
    throw error;
  }
}

async function resolveCaller(
  env: ApiEnvironment,
  request: RequestFacts,
  resHeaders: Headers,
): Promise<{ credential: Credential; startReadAhead?: StartReadAhead }> {
  const { headers } = request;
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const principal = await authenticateApiToken(env.prisma, authorization);
    if (!principal) return { credential: { kind: "anonymous", rejectedBearer: true } };
    const user = await env.prisma.user.findUnique({
      where: { id: principal.userId },
      select: { id: true, email: true, displayName: true },
    });
    if (!user) return { credential: { kind: "anonymous", rejectedBearer: true } };
    return { credential: { kind: "token", user, tokenId: principal.tokenId } };
  }

  const sessionId = env.sessions.readSessionCookie(headers.get("cookie"));
  if (sessionId === null) return { credential: { kind: "anonymous", rejectedBearer: false } };
  const read = request.plannedStart ? await readSessionAndStart(env, sessionId, request.plannedStart) : null;
  const validation = read ? read.validation : await env.sessions.validateSession(sessionId);
  if (validation.setCookie !== null) resHeaders.append("Set-Cookie", validation.setCookie);
  if (!validation.valid) return { credential: { kind: "anonymous", rejectedBearer: false } };
  return {
    credential: { kind: "session", user: validation.user, sessionId: validation.session.id, expiresAt: validation.session.expiresAt },
    ...(read?.readAhead ? { startReadAhead: read.readAhead } : {}),
  };
}
