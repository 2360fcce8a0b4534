import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { findFreePort } from "@tenantpilot/db";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The admin app's build, as `npm start` makes it: the Remix pages and the compiled server (the
 * package's `build` script), through turbo so that an unchanged app is restored from its cache.
 * Throws with turbo's output when it fails.
 */
export function buildAdminApp(options: { quiet?: boolean } = {}): void {
  const build = spawnSync("npx", ["turbo", "run", "build", "--filter=@tenantpilot/admin", "--output-logs=errors-only"], {
    cwd: repoRoot,
    stdio: options.quiet ? "pipe" : "inherit",
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error(`the admin app did not build${options.quiet ? `:\n${build.stdout}\n${build.stderr}` : ""}`);
}

/** The admin server compiled by `npm run build` (vite.server.config.ts): plain JavaScript for `node`. */
export const adminServerBundle = fileURLToPath(new URL("./build/admin-server/main.js", import.meta.url));

/**
 * How production starts the admin server process, `node <args>`: the compiled bundle, no
 * TypeScript loader (ADR 022). npm start's supervisor, the tests that start the process and the
 * HTTP benchmark all start it this way.
 */
export function adminServerArgs(): string[] {
  return [adminServerBundle];
}

export interface AdminProcessOptions {
  databaseUrl: string;
  /** Settings on top of this process's environment (PORT is chosen here). */
  env?: Record<string, string>;
  /** Node.js flags before the bundle, e.g. ["--cpu-prof"]. */
  nodeArgs?: readonly string[];
  /** Receives what the server writes to stdout (its log lines); default: passed through to ours. */
  onStdout?: (chunk: Buffer) => void;
}

export interface AdminProcess {
  /** http://localhost:<port> — browsers keep Secure session cookies for localhost. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The admin server as a process, the way production runs it, on a free port; resolves once /healthz answers. */
export async function startAdminProcess(options: AdminProcessOptions): Promise<AdminProcess> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...adminServerArgs()], {
    env: { ...process.env, NODE_ENV: "production", ...options.env, DATABASE_URL: options.databaseUrl, PORT: String(port) },
    stdio: ["ignore", options.onStdout ? "pipe" : "inherit", "pipe"],
  });
  if (options.onStdout) child.stdout?.on("data", options.onStdout);
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString("utf8")).slice(-4000);
    process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://localhost:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the admin server exited (${child.exitCode}) before it answered:\n${errors}`);
    const status = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.status, () => 0);
    if (status === 200) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the admin server did not answer /healthz within 60 s:\n${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(force);
    },
  };
}
