// The project's own PostgreSQL launcher (ADR 010): a new cluster under directories that do not
// exist yet, paused and resumed on the same port, stopped with its data directory removed; and a
// kept-running cluster (npm start's) started again after it was killed, but not after a pause.
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serverQuery, startEmbeddedPostgres } from "../src";

const parent = await mkdtemp(path.join(tmpdir(), "tp-launcher-"));
// As root the server runs as `postgres`, which must traverse this directory (mkdtemp makes it 0700).
await chmod(parent, 0o755);
afterAll(() => rm(parent, { recursive: true, force: true }));

describe("startEmbeddedPostgres", () => {
  it("initialises a cluster below missing parents, survives a pause, and removes an ephemeral one on stop", { timeout: 60_000 }, async () => {
    const dataDir = path.join(parent, "not", "yet", "postgres");
    const server = await startEmbeddedPostgres({ dataDir, ephemeral: true, fast: true });
    try {
      expect((await serverQuery(server.serverUrl, "SELECT 41 + 1 AS answer")).rows).toEqual([{ answer: 42 }]);
      // The project's processes come in over a Unix socket in the data directory (no server
      // address); tools still reach 127.0.0.1 on the port.
      expect(new URL(server.serverUrl).searchParams.get("host")).toBe(dataDir);
      expect((await serverQuery(server.serverUrl, "SELECT inet_server_addr() AS address")).rows).toEqual([{ address: null }]);
      const overTcp = `postgresql://${new URL(server.serverUrl).username}:${new URL(server.serverUrl).password}@127.0.0.1:${server.port}/postgres`;
      expect((await serverQuery(overTcp, "SELECT host(inet_server_addr()) AS address")).rows).toEqual([{ address: "127.0.0.1" }]);

      await server.pause();
      await expect(serverQuery(server.serverUrl, "SELECT 1")).rejects.toThrow(/ECONNREFUSED|ENOENT/);
      expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);

      await server.resume();
      expect((await serverQuery(server.serverUrl, "SELECT current_setting('port') AS port")).rows).toEqual([{ port: String(server.port) }]);
    } finally {
      await server.stop();
    }
    expect(existsSync(dataDir)).toBe(false);
    // The parents stay reachable for the next cluster (the `postgres` user needs to pass through them).
    expect(existsSync(path.join(parent, "not", "yet"))).toBe(true);
  });

  it("a data directory too deep for a Unix socket path (107 bytes) is reached over TCP", { timeout: 60_000 }, async () => {
    const dataDir = path.join(parent, "d".repeat(100), "postgres");
    const server = await startEmbeddedPostgres({ dataDir, ephemeral: true, fast: true });
    try {
      expect(new URL(server.serverUrl).searchParams.has("host")).toBe(false);
      expect((await serverQuery(server.serverUrl, "SELECT host(inet_server_addr()) AS address")).rows).toEqual([{ address: "127.0.0.1" }]);
    } finally {
      await server.stop();
    }
  });

  it("starts a kept-running cluster again on its port when it is killed, and not when it is paused or stopped", { timeout: 90_000 }, async () => {
    const notices: string[] = [];
    const dataDir = path.join(parent, "kept");
    const server = await startEmbeddedPostgres({
      dataDir,
      ephemeral: true,
      fast: true,
      onRestart: (notice) => notices.push(notice),
    });
    try {
      // The postmaster's pid is the first line of its lock file.
      const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      expect(postmaster).toBeGreaterThan(1);
      process.kill(postmaster, "SIGKILL");

      const deadline = Date.now() + 60_000;
      let answer: unknown;
      while (answer === undefined && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        answer = await serverQuery(server.serverUrl, "SELECT 41 + 1 AS answer").then(
          (result) => result.rows,
          () => undefined,
        );
      }
      expect(answer).toEqual([{ answer: 42 }]);
      expect(notices).toEqual(["database exited (SIGKILL); starting it again in 1 s", "database running again"]);

      // A pause is the owner's own doing: the cluster stays down until resume().
      await server.pause();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await expect(serverQuery(server.serverUrl, "SELECT 1")).rejects.toThrow(/ECONNREFUSED|ENOENT/);
      expect(notices).toHaveLength(2);
      await server.resume();
      expect((await serverQuery(server.serverUrl, "SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await server.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(notices).toHaveLength(2);
  });
});
