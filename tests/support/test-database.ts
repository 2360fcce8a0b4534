// Runs before every test file: clones the migrated template into a database of the file's
// own and points DATABASE_URL at it. Code under test reads DATABASE_URL like in production.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { databaseUrl } from "@tenantpilot/db";

const serverUrl = inject("databaseServerUrl");
const template = inject("templateDatabase");
const name = `${template.replace("tp_template_", "tp_t_")}_${randomBytes(4).toString("hex")}`;

await serverQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
process.env.DATABASE_URL = databaseUrl(serverUrl, name);
process.env.TEST_DATABASE_SERVER_URL = serverUrl;
process.env.TEST_TEMPLATE_DATABASE = template;

afterAll(async () => {
  await serverQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

async function serverQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
