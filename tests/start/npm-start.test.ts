// `npm start` on the embedded default: a real PostgreSQL started by the project, migrated,
// seeded, the admin app answering HTTP 200 from its compiled bundle; a worker or a database that
// dies is started again; and on SIGTERM everything stops in order — worker, admin, database — without an error line.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "@tenantpilot/db";

const root = path.resolve(import.meta.dirname, "../..");
let dataDir = "";
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("serves the admin app on the embedded database and stops cleanly", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "tp-start-"));
    // As root, PostgreSQL runs as `postgres`, which must reach the data directory.
    await chmod(dataDir, 0o755);
    const port = await findFreePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), TENANTPILOT_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    delete env.APP_ENCRYPTION_KEY;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: root, env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    try {
      const started = Date.now();
      let status = 0;
      let body = "";
      while (Date.now() - started < 120_000 && child.exitCode === null) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/`);
          status = response.status;
          body = await response.text();
          if (status === 200) break;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(status, output).toBe(200);
      expect(body).toContain("TenantPilot Gate");
      expect(output).toContain("embedded PostgreSQL");
      expect(output).toContain("demo workspace seeded");
      expect(output).toContain(`http://localhost:${port}`);

      const children = () => spawnSync("ps", ["-o", "pid=,args=", "--ppid", String(child.pid)], { encoding: "utf8" }).stdout.split("\n");
      // The admin runs the JavaScript the build compiled, with no TypeScript loader (ADR 022).
      const adminProcess = children().find((line) => line.includes("apps/admin/build/admin-server/main.js"));
      expect(adminProcess, output).toBeDefined();
      expect(adminProcess).not.toMatch(/tsx|\.ts\b/);

      // The supervisor starts a worker that died again, and says so.
      const workerPid = () =>
        children()
          .find((line) => line.includes("apps/worker/src/main.ts"))
          ?.trim()
          .split(/\s+/)[0];
      const firstWorker = workerPid();
      expect(firstWorker, output).toBeDefined();
      process.kill(Number(firstWorker), "SIGKILL");
      const restartedBy = Date.now() + 30_000;
      let secondWorker: string | undefined;
      const runningLines = () => output.split("worker: running").length - 1;
      while (Date.now() < restartedBy && (secondWorker === undefined || secondWorker === firstWorker || runningLines() < 2)) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        secondWorker = workerPid();
      }
      expect(output).toContain("! worker exited (SIGKILL); starting it again in 1 s");
      expect(secondWorker).toBeDefined();
      expect(secondWorker).not.toBe(firstWorker);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      // The embedded database is kept running too: killed, it is started again on its port, and the
      // admin and the worker find it again by themselves (503 + Retry-After in between).
      const postmaster = Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
      expect(postmaster).toBeGreaterThan(1);
      process.kill(postmaster, "SIGKILL");
      const readyBy = Date.now() + 60_000;
      let ready = 0;
      while (Date.now() < readyBy && ready !== 200) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.status, () => 0);
      }
      expect(output).toContain("! database exited (SIGKILL); starting it again in 1 s");
      expect(output).toContain("! database running again");
      expect(ready, output).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    // In order: the worker, then the admin, then the database; and nothing went wrong on the way.
    const stopping = output.slice(output.indexOf("• stopping: worker"));
    const order = ["• stopping: worker", "worker: stopped", "• stopping: admin", "admin: stopped", "• stopping: database", "• stopped"].map((line) => stopping.indexOf(line));
    expect(order.every((index) => index >= 0), output).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(stopping).not.toMatch(/ERROR|FATAL|Error:/);
  }, 180_000);
});
