// Helpers for tests that need more than their own cloned database.
import { randomBytes } from "node:crypto";
import { createDatabase, createPrismaClient, dropDatabase, type PrismaClient } from "@tenantpilot/db";

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: is @tenantpilot/test-support/test-database a setup file of this vitest config?");
  return url;
}

/** A Prisma client on this file's database; disconnect it in afterAll. */
export function testPrisma(maxConnections = 10): PrismaClient {
  return createPrismaClient(testDatabaseUrl(), { maxConnections });
}

/** A new, empty database on the test server (no migrations), dropped by `drop()`. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL;
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (!serverUrl || !template) throw new Error("test database server is not configured");
  const name = `${template.replace("tp_template_", "tp_e_")}_${randomBytes(4).toString("hex")}`;
  return { url: await createDatabase(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}
