// Once per browser-test run: build the admin app (production build) and start a seeded database.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { artifactsDir } from "./browser";
import { buildAdmin, startSeededDatabase } from "./stack";

declare module "vitest" {
  export interface ProvidedContext {
    e2eDatabaseUrl: string;
    e2eEncryptionKey: string;
  }
}

export default async function setup(project: TestProject) {
  // Screenshots of this run only: step numbers of an older run would mix in.
  rmSync(artifactsDir, { recursive: true, force: true });
  buildAdmin();
  const database = await startSeededDatabase();
  project.provide("e2eDatabaseUrl", database.url);
  project.provide("e2eEncryptionKey", database.encryptionKey);
  return () => database.stop();
}
