import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { runMigrations as installWorkerSchema, Logger } from "graphile-worker";
import { graphileLevelName } from "./graphile-log-level";

/** The same advisory lock key `prisma migrate` takes, so our runner and Prisma's exclude each other. */
const MIGRATION_LOCK = 72707369;

export const defaultMigrationsDir = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

export interface MigrateOptions {
  databaseUrl: string;
  migrationsDir?: string;
  /** Also install graphile-worker's schema (default true). */
  workerSchema?: boolean;
  log?: (line: string) => void;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationChecksumError extends Error {
  constructor(readonly migration: string) {
    super(
      `migration ${migration} was changed after it was applied: its checksum no longer matches ` +
        `_prisma_migrations. Restore the file and put the change in a new migration.`,
    );
    this.name = "MigrationChecksumError";
  }
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export async function listMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/**
 * Applies pending SQL migrations in name order, each in its own transaction, recorded in
 * Prisma's `_prisma_migrations` table so that `prisma migrate deploy` agrees with us on a
 * machine that has Prisma's schema engine. A session advisory lock makes concurrent
 * runners (two processes starting at once) apply each migration exactly once.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const files = await listMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      const result = await applyPending(client, files, log);
      if (options.workerSchema !== false) {
        await installWorkerSchema({ connectionString: options.databaseUrl, logger: quietLogger(log) });
      }
      return result;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}

async function applyPending(
  client: pg.Client,
  files: MigrationFile[],
  log: (line: string) => void,
): Promise<MigrateResult> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum"            VARCHAR(64) NOT NULL,
      "finished_at"         TIMESTAMPTZ,
      "migration_name"      VARCHAR(255) NOT NULL,
      "logs"                TEXT,
      "rolled_back_at"      TIMESTAMPTZ,
      "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
  const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  const failed = rows.find((row) => row.finished_at === null);
  if (failed) {
    throw new Error(
      `migration ${failed.migration_name} is recorded as started but not finished; resolve it before migrating`,
    );
  }
  const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  const result: MigrateResult = { applied: [], alreadyApplied: [] };

  for (const file of files) {
    const recorded = applied.get(file.name);
    if (recorded !== undefined) {
      if (recorded !== file.checksum) throw new MigrationChecksumError(file.name);
      result.alreadyApplied.push(file.name);
      continue;
    }
    await client.query("BEGIN");
    try {
      const id = randomUUID();
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
        [id, file.checksum, file.name],
      );
      await client.query(file.sql);
      await client.query(
        `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
        [id],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw new Error(`migration ${file.name} failed: ${(error as Error).message}`, { cause: error });
    }
    log(`applied migration ${file.name}`);
    result.applied.push(file.name);
  }
  return result;
}

function quietLogger(log: (line: string) => void): Logger {
  return new Logger(() => (logLevel, message) => {
    const level = graphileLevelName(logLevel);
    if (level === "error" || level === "warning") log(`graphile-worker: ${message}`);
  });
}
