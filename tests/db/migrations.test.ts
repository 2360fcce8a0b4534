import { cp, mkdtemp, rm, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { defaultMigrationsDir, listMigrations, migrate, MigrationChecksumError } from "@tenantpilot/db";
import { createEmptyDatabase } from "@tenantpilot/test-support";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function emptyDatabase() {
  const db = await createEmptyDatabase();
  cleanups.push(db.drop);
  return db.url;
}

async function recorded(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; checksum: string }>(
      `SELECT migration_name, finished_at, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe("migration runner", () => {
  it("applies every migration to an empty database, then nothing on a second run", async () => {
    const url = await emptyDatabase();
    const files = await listMigrations(defaultMigrationsDir);
    expect(files.length).toBeGreaterThan(0);

    const first = await migrate({ databaseUrl: url });
    expect(first.applied).toEqual(files.map((file) => file.name));

    const second = await migrate({ databaseUrl: url });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(files.map((file) => file.name));

    const rows = await recorded(url);
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    expect(rows.every((row) => row.finished_at instanceof Date)).toBe(true);
    expect(rows.map((row) => row.checksum)).toEqual(files.map((file) => file.checksum));
  });

  it("installs graphile-worker's schema", async () => {
    const url = await emptyDatabase();
    await migrate({ databaseUrl: url });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'graphile_worker' AND p.proname = 'add_job'`,
      );
      expect(rows).toHaveLength(1);
    } finally {
      await client.end();
    }
  });

  it("refuses to run when an applied migration's file has changed", async () => {
    const url = await emptyDatabase();
    const dir = await mkdtemp(path.join(tmpdir(), "tp-migrations-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await migrate({ databaseUrl: url, migrationsDir: dir, workerSchema: false });

    const [first] = await listMigrations(dir);
    await appendFile(path.join(dir, first!.name, "migration.sql"), "\n-- edited after it was applied\n");

    await expect(migrate({ databaseUrl: url, migrationsDir: dir, workerSchema: false })).rejects.toBeInstanceOf(
      MigrationChecksumError,
    );
  });

  it("applies a new migration after the applied ones, and rolls back a failing one whole", async () => {
    const url = await emptyDatabase();
    const dir = await mkdtemp(path.join(tmpdir(), "tp-migrations-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await migrate({ databaseUrl: url, migrationsDir: dir, workerSchema: false });

    const { mkdir, writeFile } = await import("node:fs/promises");
    await mkdir(path.join(dir, "29990101000000_broken"));
    await writeFile(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE half_done (id int);\nSELECT no_such_function();\n`,
    );
    await expect(migrate({ databaseUrl: url, migrationsDir: dir, workerSchema: false })).rejects.toThrow(
      /29990101000000_broken failed/,
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT to_regclass('half_done') AS t`);
      expect(rows[0].t).toBeNull();
    } finally {
      await client.end();
    }
    expect((await recorded(url)).map((row) => row.migration_name)).not.toContain("29990101000000_broken");
  });

  it("two runners started at once migrate exactly once", async () => {
    const url = await emptyDatabase();
    const files = await listMigrations(defaultMigrationsDir);
    const results = await Promise.all([migrate({ databaseUrl: url }), migrate({ databaseUrl: url })]);

    const appliedTotal = results.flatMap((result) => result.applied);
    expect(appliedTotal.sort()).toEqual(files.map((file) => file.name).sort());
    expect(await recorded(url)).toHaveLength(files.length);
  });
});
