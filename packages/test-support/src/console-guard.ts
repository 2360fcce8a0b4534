// An unexpected console.error / console.warn fails the test that caused it: noise in a
// passing run usually hides a real problem. Tests that expect one call `expectConsole`.
import { afterEach, beforeEach } from "vitest";

type Level = "error" | "warn";
const originals = { error: console.error, warn: console.warn };
let seen: string[] = [];
let allowed: RegExp[] = [];

/** Lets messages matching `pattern` through for the current test. */
export function expectConsole(pattern: RegExp): void {
  allowed.push(pattern);
}

function capture(level: Level) {
  return (...args: unknown[]) => {
    const text = args.map((arg) => (arg instanceof Error ? arg.stack ?? arg.message : String(arg))).join(" ");
    if (allowed.some((pattern) => pattern.test(text))) return;
    seen.push(`console.${level}: ${text}`);
    originals[level](...args);
  };
}

beforeEach(() => {
  seen = [];
  allowed = [];
  console.error = capture("error");
  console.warn = capture("warn");
});

afterEach(() => {
  console.error = originals.error;
  console.warn = originals.warn;
  if (seen.length > 0) {
    throw new Error(`unexpected console output:\n${seen.join("\n")}`);
  }
});
