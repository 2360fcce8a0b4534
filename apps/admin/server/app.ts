import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { dataDir } from "@tenantpilot/db";
import { fileSandboxConsentStore, sandboxConsentFile, type SandboxConsentStore } from "@tenantpilot/provider-graph";
import { createApiHandler } from "./api-handler";
import { createApiEnvironment, type ApiEnvironmentOptions } from "./api-environment";
import { health } from "./health";
import { createRemixLoadContext } from "./remix-context";

export const buildDir = fileURLToPath(new URL("../build", import.meta.url));

export interface AdminServerOptions extends ApiEnvironmentOptions {
  /** Serve the built Remix app (default true). API-only tests pass false and need no build. */
  remix?: boolean;
  /**
   * Origins whose pages may send cookie-authenticated mutations. Default: the origin each
   * request reached (scheme + Host), i.e. this app's own pages.
   */
  allowedOrigins?: readonly string[];
  /** Express "trust proxy" (client IP for login throttling, scheme for the origin check). Default off. */
  trustProxy?: boolean | number | string;
  /**
   * Sandbox mode: where the simulated admin-consent prompt records answers. Default the
   * installation's file (`<data dir>/sandbox/consents.json`), which the worker's sandbox reads.
   */
  sandboxConsents?: SandboxConsentStore;
}

/** The admin HTTP app: /healthz, the typed API at /api/trpc, and the built Remix app with its assets. */
export async function createAdminApp(options: AdminServerOptions): Promise<express.Express> {
  const env = createApiEnvironment(options);
  const allowedOrigins = options.allowedOrigins ?? [];
  const sandboxConsents =
    env.providerMode === "sandbox" ? (options.sandboxConsents ?? fileSandboxConsentStore(sandboxConsentFile(dataDir()))) : undefined;
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy !== undefined) app.set("trust proxy", options.trustProxy);

  app.get("/healthz", async (_req, res) => {
    res.json(await health(options.prisma));
  });
  app.use("/api/trpc", createApiHandler(env, allowedOrigins));

  if (options.remix ?? true) {
    const build = (await import(path.join(buildDir, "server", "index.js"))) as ServerBuild;
    app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
    app.all(
      "*",
      createRequestHandler({ build, getLoadContext: (req, res) => createRemixLoadContext(env, allowedOrigins, req, res, sandboxConsents) }),
    );
  }
  return app;
}
