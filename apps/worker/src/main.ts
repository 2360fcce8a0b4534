// The worker process: runs accepted operation runs from graphile-worker's queue, reaps runs whose
// worker died, and fires the workspaces' schedules. It survives database outages (it waits and
// resumes); SIGINT/SIGTERM stop it in order: no new jobs, running ones finish (or, after the grace
// period, end as worker_lost), then it exits. Configuration: see worker-env.ts.
import { isDatabaseUnavailable } from "@tenantpilot/db";
import { observeGate } from "@tenantpilot/dispatch-gate";
import { createMetrics, gateLog, gateMetrics } from "@tenantpilot/observability";
import { createWorker } from "./create-worker";
import { countGraphThrottling } from "./graph-metrics";
import { serveWorkerMetrics } from "./metrics-server";
import { workerOptionsFromEnv } from "./worker-env";
import { processLog, workerLogger } from "./worker-log";

let options;
try {
  options = workerOptionsFromEnv();
} catch (error) {
  processLog.error((error as Error).message);
  process.exit(1);
}

const metrics = createMetrics();
observeGate(gateMetrics(metrics));
observeGate(gateLog(workerLogger));

// A database error that escaped every loop (a library's promise nobody awaited) must not take the
// process down: the loops reconnect by themselves. Anything else is a bug: exit, and let the
// supervisor (npm start, systemd, Kubernetes) start a fresh process.
process.on("unhandledRejection", (reason) => {
  if (isDatabaseUnavailable(reason)) {
    workerLogger.warn({ event: "database_unavailable" }, "database unavailable (unhandled in a library); continuing");
    return;
  }
  workerLogger.fatal({ err: reason }, "unhandled rejection; exiting");
  process.exit(1);
});

const worker = createWorker({
  ...options,
  provider: {
    ...(options.provider ?? { mode: "sandbox" }),
    onResponse: countGraphThrottling(metrics),
  },
});
const metricsPort = Number(process.env.WORKER_METRICS_PORT ?? "");
if (Number.isInteger(metricsPort) && metricsPort > 0 && process.env.METRICS_TOKEN) {
  serveWorkerMetrics(metrics, { port: metricsPort, host: process.env.WORKER_METRICS_HOST ?? "127.0.0.1", token: process.env.METRICS_TOKEN }).unref();
}

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  processLog.info(`stopping (${signal}): no new jobs; running ones may finish`);
  void worker.stop();
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
// Started by `npm start`'s supervisor: when it is gone, nobody will stop us in order later.
if (process.send) process.on("disconnect", () => stop("supervisor gone"));

await worker.start();
const provider = options.provider?.mode ?? "sandbox";
processLog.info(
  `running (provider ${provider}, concurrency ${options.concurrency ?? 4}, runs lost after ${worker.timing.lostAfterMs} ms without a heartbeat)`,
);
await worker.stopped;
processLog.info("stopped");
process.exit(0);
