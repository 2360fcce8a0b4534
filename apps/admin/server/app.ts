import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { PrismaClient } from "@tenantpilot/db";
import type { AdminServices } from "../app/load-context";

export const buildDir = fileURLToPath(new URL("../build", import.meta.url));

export interface AdminServerOptions {
  prisma: PrismaClient;
}

function createServices({ prisma }: AdminServerOptions): AdminServices {
  return {
    async health() {
      const [tenants, workspaces] = await Promise.all([prisma.tenant.count(), prisma.workspace.count()]);
      return { database: "ok", tenants, workspaces };
    },
  };
}

/** The admin HTTP app: the built Remix app, its static assets, and (later) /api/trpc. */
export async function createAdminApp(options: AdminServerOptions): Promise<express.Express> {
  const build = (await import(path.join(buildDir, "server", "index.js"))) as ServerBuild;
  const services = createServices(options);
  const app = express();
  app.disable("x-powered-by");
  app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  app.get("/healthz", async (_req, res) => {
    res.json(await services.health());
  });
  app.all("*", createRequestHandler({ build, getLoadContext: () => ({ services }) }));
  return app;
}
