import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export { PrismaClient };
export { Prisma } from "./generated/prisma/client";

/** A client bound to one open transaction, as handed to `$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Services take either, so that they run inside their caller's transaction when there is one. */
export type Db = PrismaClient | Tx;

export interface PrismaOptions {
  /** Connections in this client's pool. */
  maxConnections?: number;
}

export function createPrismaClient(databaseUrl: string, options: PrismaOptions = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
  });
  return new PrismaClient({ adapter });
}
