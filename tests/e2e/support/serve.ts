// Serves the browser-test stack for a person to look at: `npx tsx tests/e2e/support/serve.ts`
// (add `--worker` to run queued work; `--no-build` to reuse the last build). Ctrl-C stops it.
import { buildAdmin, startAdmin, startSeededDatabase, startWorker } from "./stack";

const args = new Set(process.argv.slice(2));
const database = await startSeededDatabase();
if (!args.has("--no-build")) buildAdmin();
process.env.APP_ENCRYPTION_KEY = database.encryptionKey;
const admin = await startAdmin(database.url);
const worker = args.has("--worker") ? startWorker({ databaseUrl: database.url, encryptionKey: database.encryptionKey }) : null;
process.stdout.write(`admin: ${admin.url}  (log in as owner@northwind.test / tenantpilot-demo)\ndatabase: ${database.url}\n`);

const stop = async () => {
  await worker?.stop();
  await admin.stop();
  await database.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
