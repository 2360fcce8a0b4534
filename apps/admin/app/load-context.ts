// What the Express server hands every loader and action. Routes reach the database, the gate
// and the provider only through this object, never by importing server packages themselves.
export interface AdminServices {
  health(): Promise<{ database: "ok"; tenants: number; workspaces: number }>;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: AdminServices;
  }
}
