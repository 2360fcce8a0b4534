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

/** @deprecated Kept for the home page's health tiles; new routes use `api` and `viewer`. */
export interface AdminServices {
  health(): Promise<{ database: "ok"; tenants: number; workspaces: number }>;
}

export interface AdminLoadContext {
  api: ApiCaller;
  /** The signed-in user with workspaces, roles and capabilities; null when nobody is signed in. */
  viewer: Viewer | null;
  session: SessionControls;
  services: AdminServices;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AdminLoadContext {}
}
