// Admin processes for the scale-out test, spawned as `node --import tsx` children on this test
// file's database (worker processes: ../worker/worker-process.ts).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { testDatabaseUrl } from "@tenantpilot/test-support";

const root = path.resolve(import.meta.dirname, "../..");

export interface AdminProcess {
  child: ChildProcess;
  /** Resolves with the URL once it listens. */
  url: Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

export function spawnAdmin(env: Record<string, string> = {}): AdminProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/scale-out/admin-process.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), TENANTPILOT_PROVIDER: "sandbox", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  let found: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (found = resolve));
  const collect = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    const match = /admin: listening on (http:\/\/\S+)/.exec(text);
    if (match?.[1]) found(match[1]);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    url: Promise.race([listening, exited.then((code) => Promise.reject(new Error(`admin exited (${code}) before listening:\n${text}`)))]),
    output: () => text,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
