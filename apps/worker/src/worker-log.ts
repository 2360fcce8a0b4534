import { Logger, type LogLevel } from "graphile-worker";

/** Where the worker's own lines go: one line per event, never a secret. */
export interface WorkerLog {
  info(line: string): void;
  error(line: string): void;
}

/** stdout for events, stderr for problems; the process supervisor (npm start) shows both. */
export const processLog: WorkerLog = {
  info: (line) => process.stdout.write(`worker: ${line}\n`),
  error: (line) => process.stderr.write(`worker: ${line}\n`),
};

/**
 * graphile-worker's logger onto ours. Its debug chatter stays out, and so do its per-job
 * "Completed task" lines: every run already logs its own start and ending.
 */
export function graphileLogger(log: WorkerLog): Logger {
  return new Logger((scope) => (level: LogLevel, message: string) => {
    const where = scope.taskIdentifier ? ` [${scope.taskIdentifier}${scope.jobId ? ` job ${scope.jobId}` : ""}]` : "";
    if (level === "error" || level === "warning") log.error(`queue${where}: ${message}`);
    else if (level === "info" && !message.startsWith("Completed task")) log.info(`queue${where}: ${message}`);
  });
}
