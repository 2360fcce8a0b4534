import { Logger as GraphileLogger, type LogLevel } from "graphile-worker";
import { graphileLevelName } from "@tenantpilot/db";
import { createLogger, type Logger } from "@tenantpilot/observability";

/** Where the worker's own lines go: one line per event, never a secret. */
export interface WorkerLog {
  info(line: string): void;
  error(line: string): void;
}

/** The worker's structured logger (JSON; pretty under `npm start`). */
export const workerLogger: Logger = createLogger({ service: "worker" });

/** The process's lines through the structured logger; the process supervisor (npm start) shows them. */
export const processLog: WorkerLog = {
  info: (line) => workerLogger.info(line),
  error: (line) => workerLogger.error(line),
};

/**
 * graphile-worker's logger onto ours. Its debug chatter stays out, and so do its per-job
 * "Completed task" lines: every run already logs its own start and ending.
 */
export function graphileLogger(log: WorkerLog): GraphileLogger {
  return new GraphileLogger((scope) => (logLevel: LogLevel, message: string) => {
    const level = graphileLevelName(logLevel);
    const where = scope.taskIdentifier ? ` [${scope.taskIdentifier}${scope.jobId ? ` job ${scope.jobId}` : ""}]` : "";
    if (level === "error" || level === "warning") log.error(`queue${where}: ${message}`);
    else if (level === "info" && !message.startsWith("Completed task")) log.info(`queue${where}: ${message}`);
  });
}

