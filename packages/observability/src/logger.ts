import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger };

/** Which process writes the line: every line carries it as `service`. */
export type Service = "admin" | "worker" | "start";

/** json: one JSON object per line (production, log shippers); pretty: for a person at a terminal (`npm start`). */
export type LogFormat = "json" | "pretty";

/**
 * Keys whose values never reach a log line, wherever they sit (one level deep, and the request
 * headers pino-style request objects carry). Anything that may hold a credential is listed by
 * name; log call sites pass ids, never secrets, and this list is the net under that rule.
 */
export const redactedPaths: readonly string[] = [
  "password",
  "clientSecret",
  "secret",
  "token",
  "authorization",
  "cookie",
  "*.password",
  "*.clientSecret",
  "*.secret",
  "*.token",
  "*.authorization",
  "*.cookie",
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
];

export interface LoggerOptions {
  service: Service;
  /** Default: LOG_FORMAT, else json. */
  format?: LogFormat;
  /** Default: LOG_LEVEL, else info. */
  level?: string;
  /** Default: stdout. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

export function logFormatFromEnv(env: NodeJS.ProcessEnv = process.env): LogFormat {
  return env.LOG_FORMAT === "pretty" ? "pretty" : "json";
}

/** The process's structured logger (pino), with secrets redacted. */
export function createLogger(options: LoggerOptions): Logger {
  const format = options.format ?? logFormatFromEnv();
  const base = {
    level: options.level ?? process.env.LOG_LEVEL ?? "info",
    base: { service: options.service },
    redact: { paths: [...redactedPaths], censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (format === "pretty") {
    const stream = pretty({
      colorize: process.stdout.isTTY === true,
      // Synchronous, so lines written just before the process exits are not lost.
      sync: true,
      translateTime: "HH:MM:ss",
      // One line per event: the message names the process; the fields stay for JSON readers.
      ignore: "pid,hostname,service,event,requestId,method,route,path,status,ms,userId",
      singleLine: true,
      messageFormat: "{service}: {msg}",
      ...(options.destination === undefined ? {} : { destination: options.destination }),
    });
    return pino(base, stream);
  }
  return pino(base, options.destination ?? pino.destination({ sync: true }));
}
