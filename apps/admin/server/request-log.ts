import { randomUUID } from "node:crypto";
import type { Request, RequestHandler } from "express";
import type { Logger, Metrics } from "@tenantpilot/observability";
import { appRouter } from "@tenantpilot/api";

const procedures = new Set(Object.keys(appRouter._def.procedures));
const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * One log line per HTTP request (request id, method, route, status, duration, user when known)
 * and the latency histogram. Routes are labelled by what answered — an API procedure, a page, a
 * page's data, an asset — so metric labels stay bounded whatever URLs the world sends. The query
 * string is never logged (a tRPC query carries its input there).
 */
export function requestLog(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.get("x-request-id");
    const requestId = incoming !== undefined && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    res.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      const line = {
        event: "http",
        requestId,
        method: req.method,
        route,
        path: req.path.slice(0, 200),
        status: res.statusCode,
        ms: Math.round(seconds * 10_000) / 10,
        ...(typeof res.locals.userId === "string" ? { userId: res.locals.userId } : {}),
      };
      if (res.statusCode >= 500) logger.error(line, `${req.method} ${route} ${res.statusCode}`);
      else logger.info(line, `${req.method} ${route} ${res.statusCode}`);
    });
    next();
  };
}

function routeOf(req: Request): string {
  const path = req.originalUrl.split("?")[0] ?? "";
  if (path.startsWith("/api/trpc/")) {
    const names = path.slice("/api/trpc/".length).split(",");
    return names.every((name) => procedures.has(name)) ? `api:${names.join(",")}` : "api:unknown";
  }
  if (path.startsWith("/assets/") || /\.(css|js|svg|png|ico|woff2?)$/.test(path)) return "asset";
  if (path === "/healthz" || path === "/readyz" || path === "/metrics") return path;
  return path.endsWith(".data") ? "page-data" : "page";
}
