import type { LogLevel } from "graphile-worker";

/** graphile's LogLevel is an ambient const enum (no object at runtime): its members are these strings. */
export function graphileLevelName(level: LogLevel): "error" | "warning" | "info" | "debug" | (string & {}) {
  return level;
}
