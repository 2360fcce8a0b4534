// The worker process: runs accepted operation runs from graphile-worker's queue.
import { run } from "graphile-worker";
import { taskList } from "./tasks";

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  process.stderr.write("worker: DATABASE_URL is not set (start the product with `npm start`)\n");
  process.exit(1);
}

const runner = await run({
  connectionString,
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
  taskList,
  // graphile-worker handles SIGINT/SIGTERM itself: it stops taking jobs and releases the ones it holds.
  noHandleSignals: false,
});
process.stdout.write(`worker: running ${Object.keys(taskList).length} task types\n`);
await runner.promise;
