// One admin process for the scale-out test: the real admin HTTP app (API only; the Remix pages need
// a build) on DATABASE_URL, listening on a free loopback port that it prints once it is ready.
import type { AddressInfo } from "node:net";
import { createPrismaClient } from "@tenantpilot/db";
import { createAdminApp } from "../../apps/admin/server/app";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
const prisma = createPrismaClient(url, { maxConnections: 8 });
const app = await createAdminApp({ prisma, remix: false });
const server = app.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`admin: listening on http://127.0.0.1:${port}\n`);
});
const stop = () => server.close(() => void prisma.$disconnect().then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
