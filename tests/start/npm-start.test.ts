// `npm start` on the embedded default: a real PostgreSQL started by the project, migrated,
// seeded, the admin app answering HTTP 200, and everything stopped again on SIGTERM.
import { spawn } from "node:child_process";
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
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 150_000);
});
