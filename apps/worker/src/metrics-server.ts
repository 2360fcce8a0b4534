import { createServer, type Server } from "node:http";
import { createHash, timingSafeEqual } from "node:crypto";
import type { Metrics } from "@tenantpilot/observability";

/**
 * The worker's /metrics on a port of its own (WORKER_METRICS_PORT, loopback unless
 * WORKER_METRICS_HOST says otherwise), behind the same METRICS_TOKEN as the admin's: nothing
 * here is public.
 */
export function serveWorkerMetrics(metrics: Metrics, options: { port: number; host: string; token: string }): Server {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  const server = createServer((req, res) => {
    if (req.url !== "/metrics") return void res.writeHead(404).end("Not found.");
    const header = req.headers.authorization ?? "";
    const presented = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
    if (!timingSafeEqual(digest(presented), digest(options.token))) {
      return void res.writeHead(401, { "WWW-Authenticate": 'Bearer realm="metrics"' }).end("The metrics token is missing or wrong.");
    }
    metrics.text().then(
      (text) => res.writeHead(200, { "Content-Type": metrics.contentType, "Cache-Control": "no-store" }).end(text),
      () => res.writeHead(500).end("Metrics could not be collected."),
    );
  });
  server.listen(options.port, options.host);
  return server;
}
