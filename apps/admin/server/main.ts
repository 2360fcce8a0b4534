// The admin server process: `npm start` runs it with DATABASE_URL pointing at a migrated database.
import { createPrismaClient } from "@tenantpilot/db";
import { createAdminApp } from "./app";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write("admin: DATABASE_URL is not set (start the product with `npm start`)\n");
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);
const prisma = createPrismaClient(databaseUrl);
// Behind a reverse proxy the browser's origin is not the Host this process sees: name it.
const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? "").split(",").map((origin) => origin.trim()).filter(Boolean);
const trustProxy = process.env.TRUST_PROXY;
// The same switch as the worker's: in sandbox mode the consent link leads to the simulated prompt.
const provider = process.env.TENANTPILOT_PROVIDER;
if (provider !== undefined && provider !== "" && provider !== "sandbox" && provider !== "microsoft") {
  process.stderr.write(`admin: TENANTPILOT_PROVIDER must be "sandbox" or "microsoft", got "${provider}"\n`);
  process.exit(1);
}
const app = await createAdminApp({
  prisma,
  providerMode: provider === "microsoft" ? "microsoft" : "sandbox",
  allowedOrigins: allowedOrigins.length > 0 ? allowedOrigins : undefined,
  trustProxy: trustProxy === undefined ? undefined : /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy === "true" ? true : trustProxy,
});
const server = app.listen(port, () => {
  process.stdout.write(`admin: listening on http://localhost:${port}\n`);
});

const shutdown = () => {
  server.close(() => void prisma.$disconnect().finally(() => process.exit(0)));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
