// Keeps `npm start`'s processes running: a child that exits on its own is started again after a
// backoff (restartBackoff: 1 s, doubling to 30 s), with one clear line each time, instead of
// taking the whole product down. Stopping is explicit and in order.
import { spawn, type ChildProcess } from "node:child_process";
import { restartBackoff } from "@tenantpilot/db";

export interface ChildSpec {
  name: string;
  /** What follows `node`: the admin's compiled bundle, or `--import tsx <script>` for the worker. */
  args: readonly string[];
}

export interface Supervised {
  readonly name: string;
  /** Stops it (SIGTERM, SIGKILL after `graceMs`) and does not start it again. */
  stop(graceMs: number): Promise<void>;
}

export function supervise(spec: ChildSpec, options: { cwd: string; env: NodeJS.ProcessEnv; say: (line: string) => void }): Supervised {
  let child: ChildProcess | null = null;
  let stopping = false;
  const backoff = restartBackoff();
  let restartTimer: NodeJS.Timeout | null = null;

  const launch = () => {
    restartTimer = null;
    if (stopping) return;
    const startedAt = Date.now();
    // Its own process group: Ctrl-C reaches only this supervisor, which stops children in order.
    // The IPC channel lets a child notice when the supervisor is gone (and stop itself).
    const started = spawn(process.execPath, [...spec.args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      detached: true,
    });
    child = started;
    started.once("exit", (code, signal) => {
      child = null;
      if (stopping) return;
      const delay = backoff.after(Date.now() - startedAt);
      options.say(`! ${spec.name} exited (${signal ?? `code ${code}`}); starting it again in ${Math.round(delay / 1000)} s`);
      restartTimer = setTimeout(launch, delay);
    });
  };
  launch();

  return {
    name: spec.name,
    async stop(graceMs) {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      running.kill("SIGTERM");
      const force = setTimeout(() => running.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(force);
    },
  };
}
