import pg from "pg";
import { databaseUrl } from "./embedded-postgres";

// Database names here come from our own code (tests, benchmarks, the embedded default), never
// from a caller's input; the check keeps it that way since DDL cannot take bind parameters.
const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function assertSafeName(name: string): void {
  if (!SAFE_NAME.test(name)) throw new Error(`refusing database name ${JSON.stringify(name)}`);
}

/** Runs one statement on the server's maintenance connection (`serverUrl` names any database on it). */
export async function serverQuery(serverUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a database on the server (optionally as a copy of `template`) and returns its URL. */
export async function createDatabase(serverUrl: string, name: string, options: { template?: string } = {}): Promise<string> {
  assertSafeName(name);
  if (options.template) assertSafeName(options.template);
  await serverQuery(serverUrl, `CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ""}`);
  return databaseUrl(serverUrl, name);
}

/** Drops a database, ending its open connections first. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  assertSafeName(name);
  await serverQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}
