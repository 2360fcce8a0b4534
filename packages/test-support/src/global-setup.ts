// Starts (or reuses) one PostgreSQL server for the whole test run and migrates a template
// database once; every test file then clones it (test-database.ts), so files
// run in parallel against real, isolated databases.
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, migrate, serverQuery, startEmbeddedPostgres, type EmbeddedDatabase } from "@tenantpilot/db";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `${process.pid.toString(36)}${randomBytes(3).toString("hex")}`;
  // The installation's state outside the database (encryption key, sandbox consent answers) goes
  // to a directory of this run's own, inherited by test workers and the processes they spawn.
  const dataDir = await mkdtemp(path.join(tmpdir(), "tp-test-data-"));
  await chmod(dataDir, 0o755);
  process.env.TENANTPILOT_DATA_DIR = dataDir;
  let embedded: EmbeddedDatabase | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      ephemeral: true,
      fast: true,
    });
    serverUrl = embedded.serverUrl;
  }
  const template = `tp_template_${runId}`;
  await migrate({ databaseUrl: await createDatabase(serverUrl, template) });

  project.provide("databaseServerUrl", serverUrl);
  project.provide("templateDatabase", template);

  return async () => {
    if (embedded) {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
      return;
    }
    await rm(dataDir, { recursive: true, force: true });
    // A shared server (DATABASE_URL): leave nothing of this run behind.
    const { rows } = await serverQuery(
      serverUrl,
      `SELECT datname FROM pg_database WHERE datname LIKE 'tp\\_%\\_${runId}%' OR datname = '${template}'`,
    );
    for (const row of rows as { datname: string }[]) {
      await dropDatabase(serverUrl, row.datname);
    }
  };
}
