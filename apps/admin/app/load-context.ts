// What the Express server hands every loader and action (apps/admin/server/remix-context.ts).
// Routes reach the database, the gate and the provider only through this object — `api` is the
// typed API as a server-side caller bound to the request's identity — and import server
// packages as types only.
import type { ApiCaller, Viewer } from "@tenantpilot/api";

export type { ApiCaller, Viewer };

export type LoginOutcome =
  /** Return `headers` (Set-Cookie) with the action's response, e.g. `redirect("/", { headers })`. */
  | { ok: true; headers: Headers }
  | { ok: false; error: "invalid_credentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

export interface SessionControls {
  login(input: { email: string; password: string }): Promise<LoginOutcome>;
  /** Ends this session; return `headers` (the cleared cookie) with the response. */
  logout(): Promise<{ headers: Headers }>;
  /** Ends every session of the user; return `headers` with the response. */
  logoutEverywhere(): Promise<{ headers: Headers }>;
}

/**
 * Sandbox mode only: the simulated Microsoft Entra behind the admin-consent prompt
 * (routes/sandbox.adminconsent.tsx). Its answer reaches the worker's sandbox through the
 * installation's consent file.
 */
export interface SandboxEntra {
  /** What the app registration asks an administrator for: every operation's Graph application permissions. */
  readonly requestedPermissions: readonly string[];
  /** Whether the answer may be sent to this redirect URI: only to this app's own origins. */
  isOwnUrl(url: URL): boolean;
  /** The request came from this app's own pages (the API's CSRF rule), required to record an answer. */
  readonly sameOrigin: boolean;
  /** "Accept": admin consent with the requested permissions, seen by the sandbox's next token request. */
  grantAdminConsent(input: { microsoftTenantId: string; clientId: string }): Promise<void>;
}

export interface AdminLoadContext {
  api: ApiCaller;
  /** The signed-in user with workspaces, roles and capabilities; null when nobody is signed in. */
  viewer: Viewer | null;
  session: SessionControls;
  /** null unless TENANTPILOT_PROVIDER is sandbox (the default). */
  sandboxEntra: SandboxEntra | null;
  /** This response's Content-Security-Policy nonce: inline scripts Remix renders carry it (entry.server.tsx). */
  cspNonce: string;
}

declare module "@remix-run/node" {
  interface AppLoadContext extends AdminLoadContext {}
}
