import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import express, { type ErrorRequestHandler } from "express";
import { dataDir, isDatabaseUnavailable } from "@tenantpilot/db";
import { createLogger, createMetrics, type Logger, type Metrics } from "@tenantpilot/observability";
import { fileSandboxConsentStore, sandboxConsentFile, type SandboxConsentStore } from "@tenantpilot/provider-graph";
import { databaseUnavailableMessage, DATABASE_RETRY_AFTER_SECONDS } from "@tenantpilot/api";
import { createApiHandlers } from "./api-handler";
import { subscriptionCheck } from "./subscription-input";
import { apiEnvelopeCheck } from "./api-envelope-check";
import { csvExportHandler, csvExports } from "./csv-export";
import { createApiEnvironment, type ApiEnvironmentOptions } from "./api-environment";
import { queueFacts, readiness } from "./health";
import { urlRefusal } from "./form-guard";
import { holdsOperatorToken } from "./operator-token";
import { sendPlainPage } from "./plain-page";
import { createRemixHandler } from "./remix-handler";
import { requestLog } from "./request-log";
import { securityHeaders } from "./security-headers";
import { asyncRoute } from "./async-route";

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
  /** Default: a JSON logger on stdout (LOG_FORMAT=pretty for people). */
  logger?: Logger;
  /** Default: a registry of this app's own. */
  metrics?: Metrics;
  /** METRICS_TOKEN: unlocks /metrics and the details of /healthz. Unset: /metrics answers 404. */
  metricsToken?: string;
}

/**
 * The admin HTTP app: security headers and a log line on every response; /healthz (alive/ready),
 * /metrics (operator token), the typed API at /api/trpc, the CSV exports under /export, and the
 * built Remix app with its assets.
 */
export async function createAdminApp(options: AdminServerOptions): Promise<express.Express> {
  const env = createApiEnvironment(options);
  const logger = options.logger ?? createLogger({ service: "admin" });
  const metrics = options.metrics ?? createMetrics({ queueFacts: () => queueFacts(options.prisma) });
  const allowedOrigins = options.allowedOrigins ?? [];
  const sandboxConsents =
    env.providerMode === "sandbox" ? (options.sandboxConsents ?? fileSandboxConsentStore(sandboxConsentFile(dataDir()))) : undefined;
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy !== undefined) app.set("trust proxy", options.trustProxy);
  app.use(requestLog(logger, metrics));
  app.use(securityHeaders());
  // Before anything decodes a page's URL (static files, the router): bad encoding or control
  // characters are a 400. The API names the offending input field itself (its text rule).
  app.use((req, res, next) => {
    if (req.path.startsWith("/api/trpc/")) return next();
    const refused = urlRefusal(req);
    if (refused) return sendPlainPage(res, refused.status, refused.title, refused.message);
    next();
  });

  // Load balancers and the curious learn alive/ready only; operators with the token see why.
  const health = asyncRoute(async (req, res) => {
    const state = await readiness(options.prisma);
    const status = state.ready ? "ready" : "alive";
    res.setHeader("Cache-Control", "no-store");
    if (req.path === "/readyz" && !state.ready) res.status(503).setHeader("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
    res.json(holdsOperatorToken(req, options.metricsToken) ? { status, ...state } : { status });
  });
  app.get("/healthz", health);
  app.get("/readyz", health);
  app.get(
    "/metrics",
    asyncRoute(async (req, res) => {
    if (!options.metricsToken) return res.status(404).type("text").send("Not found.");
    if (!holdsOperatorToken(req, options.metricsToken)) {
      return res.status(401).setHeader("WWW-Authenticate", 'Bearer realm="metrics"').type("text").send("The metrics token is missing or wrong.");
    }
    res.setHeader("Cache-Control", "no-store");
    res.type(metrics.contentType).send(await metrics.text());
    }),
  );
  // Health and metrics are only read: any other method is a 405 saying so (it reached the pages' cross-site
  // form rule, a 403, or the API-only 404).
  app.all(["/healthz", "/readyz", "/metrics"], (_req, res) => {
    res.setHeader("Allow", "GET, HEAD");
    sendPlainPage(res, 405, "Method not allowed", "This address only answers GET and HEAD.");
  });
  app.use("/api/trpc", apiEnvelopeCheck(), subscriptionCheck(env, allowedOrigins), ...createApiHandlers(env, allowedOrigins, logger));
  // CSV of the runs list and of the activity, through the same procedures (and authorization) as their pages.
  for (const [path, exportOf] of Object.entries(csvExports)) app.get(path, csvExportHandler(env, allowedOrigins, logger, exportOf));

  if (options.remix ?? true) {
    const build = (await import(path.join(buildDir, "server", "index.js"))) as ServerBuild;
    app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
    app.all("*", createRemixHandler({ build, env, allowedOrigins, sandboxConsents }));
  }
  // Only reached without the pages (API-only): Express's own 404 would replace our headers.
  app.use((_req, res) => sendPlainPage(res, 404, "Not found", "There is nothing at this address."));
  app.use(lastResort(logger));
  return app;
}

/**
 * Whatever escaped a route: an unreachable database is the 503 page, a client error Express or a
 * middleware already classified (bad encoding, a malformed body) keeps its 4xx, anything else is
 * a 500 that quotes nothing.
 */
function lastResort(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (isDatabaseUnavailable(error)) {
      return sendPlainPage(res, 503, "Database unavailable", databaseUnavailableMessage, DATABASE_RETRY_AFTER_SECONDS);
    }
    const status = (error as { status?: unknown; statusCode?: unknown } | null)?.statusCode ?? (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return sendPlainPage(res, status, "Bad request", "The request could not be understood.");
    }
    logger.error({ err: error }, "request failed");
    sendPlainPage(res, 500, "Something went wrong", "An unexpected error stopped this request. Try again in a moment.");
  };
}
