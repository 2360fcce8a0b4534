// The admin server process: `npm start` runs it with DATABASE_URL pointing at a migrated database.
// It stays up through database outages (pages and API answer 503 + Retry-After meanwhile) and
// stops on SIGINT/SIGTERM once open requests are answered.
import { createRunTransitionFeed } from "@tenantpilot/api";
import { createPrismaClient } from "@tenantpilot/db";
import { observeGate } from "@tenantpilot/dispatch-gate";
import { createLogger, createMetrics, gateLog, gateMetrics } from "@tenantpilot/observability";
import { createAdminApp } from "./app";
import { answerClientErrors } from "./client-error";
import { queueFacts } from "./health";
import { serverOptionsFromEnv } from "./server-env";

const logger = createLogger({ service: "admin" });
let config;
try {
  config = serverOptionsFromEnv();
} catch (error) {
  logger.fatal((error as Error).message);
  process.exit(1);
}
const prisma = createPrismaClient(config.databaseUrl);
const metrics = createMetrics({ queueFacts: () => queueFacts(prisma) });
observeGate(gateMetrics(metrics));
observeGate(gateLog(logger));

// One LISTEN connection for the process: open notices follow their runs through it (ADR 028).
const runTransitions = createRunTransitionFeed({
  databaseUrl: config.databaseUrl,
  onConnectionLost: (error) => logger.warn({ err: error, event: "run_feed_lost" }, "run transitions: listener connection lost, reconnecting"),
});
const app = await createAdminApp({ ...config.app, prisma, logger, metrics, runTransitions });
const server = app.listen(config.port, () => {
  logger.info({ event: "listening", port: config.port }, `listening on http://localhost:${config.port}`);
});
answerClientErrors(server);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ event: "stopping", signal }, "stopping: finishing open requests");
  // Idle keep-alive connections would hold close() open; requests in flight still get answered.
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), 5_000);
  force.unref();
  server.close(() => {
    void Promise.all([runTransitions.close(), prisma.$disconnect()]).finally(() => {
      logger.info({ event: "stopped" }, "stopped");
      process.exit(0);
    });
  });
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
// Started by `npm start`'s supervisor: when it is gone, nobody will stop us in order later.
if (process.send) process.on("disconnect", () => shutdown("supervisor gone"));
