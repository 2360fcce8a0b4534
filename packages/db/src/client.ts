import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { statementNames } from "./statement-names";

export { PrismaClient };
export { Prisma } from "./generated/prisma/client";

/** A client bound to one open transaction, as handed to `$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Services take either, so that they run inside their caller's transaction when there is one. */
export type Db = PrismaClient | Tx;

export interface PrismaOptions {
  /** Connections in this client's pool. */
  maxConnections?: number;
  /**
   * Called with the text of every statement sent to the server (transaction control included).
   * A seam for tests that prove a statement count does not grow with the data.
   */
  onStatement?: (sql: string) => void;
}

/** Every process's client: adapter-pg on a node-postgres pool, repeated statements prepared once per connection (ADR 023). */
export function createPrismaClient(databaseUrl: string, options: PrismaOptions = {}): PrismaClient {
  const config = { connectionString: databaseUrl, max: options.maxConnections ?? 10 };
  const adapterOptions = { statementNameGenerator: statementNames() };
  const onStatement = options.onStatement;
  if (onStatement === undefined) return new PrismaClient({ adapter: new PrismaPg(config, adapterOptions) });
  const pool = new pg.Pool(config);
  // pg reports an idle client's lost connection (a dropped test database, a server restart) on the
  // pool; the pool has already discarded that client, and the next query opens a new one.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === "string" ? first : (first as { text?: unknown } | null)?.text;
      onStatement(typeof text === "string" ? text : "");
      return query(...args);
    };
  });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, adapterOptions) });
  // The adapter does not end a pool it was handed: this client owns it, so disconnecting ends it.
  const disconnect = client.$disconnect.bind(client);
  Object.assign(client, { $disconnect: async () => (await disconnect(), await pool.end()) });
  return client;
}
