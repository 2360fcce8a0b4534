import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    tailwindcss(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
  build: { target: "es2022" },
  // Server code (database, provider, auth) reaches routes only through the load context built in
  // server/, so the Remix server bundle carries no database client of its own; of the API it bundles
  // only the error reader (@tenantpilot/api/problem).
  ssr: { noExternal: ["@tenantpilot/ui", "@tenantpilot/dispatch-gate", "@tenantpilot/api"] },
});
