// Once per browser-test run: build the admin app (production build) and start a seeded database.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { artifactsDir } from "./browser";
import { buildAdmin, startSeededDatabase } from "./stack";

declare module "vitest" {
  export interface ProvidedContext {
    /** The seeded database: a template each browser file copies (seededDatabaseForThisFile), never used directly. */
    e2eDatabaseUrl: string;
    e2eServerUrl: string;
    e2eEncryptionKey: string;
  }
}

export default async function setup(project: TestProject) {
  // Screenshots of this run only: step numbers of an older run would mix in.
  rmSync(artifactsDir, { recursive: true, force: true });
  // The installation's own state (sandbox consent answers, key file) stays out of the browser run:
  // the in-process admin app and the worker process both inherit this directory.
  const dataDir = mkdtempSync(path.join(tmpdir(), "tp-e2e-data-"));
  chmodSync(dataDir, 0o755);
  process.env.TENANTPILOT_DATA_DIR = dataDir;
  buildAdmin();
  const database = await startSeededDatabase();
  project.provide("e2eDatabaseUrl", database.url);
  project.provide("e2eServerUrl", database.serverUrl);
  project.provide("e2eEncryptionKey", database.encryptionKey);
  return async () => {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
