// The real admin HTTP app (API only, no Remix build) on a random port.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { PrismaClient } from "@tenantpilot/db";
import { createLogger } from "@tenantpilot/observability";
import { createAdminApp, type AdminServerOptions } from "../../../apps/admin/server/app";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startAdminServer(prisma: PrismaClient, options: Partial<AdminServerOptions> = {}): Promise<RunningServer> {
  // Request lines would only bury the test output; warnings and errors still show.
  const app = await createAdminApp({ prisma, remix: false, logger: createLogger({ service: "admin", level: "warn" }), ...options });
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
