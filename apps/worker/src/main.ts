// The worker process: runs accepted operation runs from graphile-worker's queue, reaps runs whose
// worker died, and schedules the nightly fan-out. Configuration: see worker-env.ts.
import { createWorker } from "./create-worker";
import { workerOptionsFromEnv } from "./worker-env";
import { processLog } from "./worker-log";

let options;
try {
  options = workerOptionsFromEnv();
} catch (error) {
  processLog.error((error as Error).message);
  process.exit(1);
}

// graphile-worker handles SIGINT/SIGTERM: it stops taking jobs and lets running ones finish; a
// task still running when it aborts them ends its run as worker_lost instead of leaving it.
const worker = createWorker({ ...options, handleSignals: true });
await worker.start();
const provider = options.provider?.mode ?? "sandbox";
processLog.info(
  `running (provider ${provider}, concurrency ${options.concurrency ?? 4}, runs lost after ${worker.timing.lostAfterMs} ms without a heartbeat)`,
);
await worker.stopped;
processLog.info("stopped");
