// The project's own PostgreSQL launcher (ADR 010): a new cluster under directories that do not
// exist yet, paused and resumed on the same port, stopped with its data directory removed.
import { existsSync } from "node:fs";
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

      await server.pause();
      await expect(serverQuery(server.serverUrl, "SELECT 1")).rejects.toThrow(/ECONNREFUSED/);
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
});
