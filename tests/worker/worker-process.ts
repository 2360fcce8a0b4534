// Worker processes as `npm start` runs them (`node --import tsx apps/worker/src/main.ts`), on this
// test file's database, with the sandbox inside the process.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { testDatabaseUrl } from "@tenantpilot/test-support";
import { encryptionKeyText } from "./worker-fixtures";

const root = path.resolve(import.meta.dirname, "../..");

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it wrote so far (stdout and stderr). */
  output(): string;
  /** Resolves once it logged that it is running. */
  ready: Promise<void>;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export function spawnWorker(env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: testDatabaseUrl(),
      APP_ENCRYPTION_KEY: encryptionKeyText,
      TENANTPILOT_PROVIDER: "sandbox",
      WORKER_CRONTAB: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const collect = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    // JSON lines by default ({"service":"worker",…,"msg":"running …"}), "worker: running …" when pretty.
    if (/worker: running|"msg":"running /.test(text)) markReady();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => text,
    ready: Promise.race([ready, exited.then((code) => Promise.reject(new Error(`worker exited (${code}) before it ran:\n${text}`)))]),
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
