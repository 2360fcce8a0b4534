// Runs before every test file: clones the migrated template into a database of the file's
// own and points DATABASE_URL at it. Code under test reads DATABASE_URL like in production.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { createDatabase, dropDatabase } from "@tenantpilot/db";

const serverUrl = inject("databaseServerUrl");
const template = inject("templateDatabase");
const name = `${template.replace("tp_template_", "tp_t_")}_${randomBytes(4).toString("hex")}`;

process.env.DATABASE_URL = await createDatabase(serverUrl, name, { template });
process.env.TEST_DATABASE_SERVER_URL = serverUrl;
process.env.TEST_TEMPLATE_DATABASE = template;

afterAll(() => dropDatabase(serverUrl, name));

if (!process.env.TENANTPILOT_DATA_DIR?.includes("tp-test-data-")) {
  throw new Error("tests must not use the installation's data directory (see global-setup.ts)");
}
