import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "./generated/prisma/client";
import { statementNamer, statementNames } from "./statement-names";

export { Prisma, PrismaClient };

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
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  // pg reports an idle client's lost connection (a dropped test database, a server restart) on the
  // pool; the pool has already discarded that client, and the next query opens a new one.
  pool.on("error", () => undefined);
  const onStatement = options.onStatement;
  if (onStatement !== undefined) {
    pool.on("connect", (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const first = args[0];
        const text = typeof first === "string" ? first : (first as { text?: unknown } | null)?.text;
        onStatement(typeof text === "string" ? text : "");
        return query(...args);
      };
    });
  }
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: statementNames() }) });
  // The adapter does not end a pool it was handed: this client owns it, so disconnecting ends it.
  const disconnect = client.$disconnect.bind(client);
  Object.assign(client, { $disconnect: async () => (await disconnect(), await pool.end()) });
  directRows.set(client, poolRows(pool));
  return client;
}

type Rows = <T>(sql: Prisma.Sql) => Promise<T[]>;
/** Root clients made here, with their pool; a transaction's client is never among them. */
const directRows = new WeakMap<object, Rows>();

/**
 * The rows of one raw statement. On a client made by createPrismaClient (not a transaction's), the
 * statement goes straight to node-postgres on that client's own pool — prepared once per connection
 * under a name of its own — without Prisma's query engine, whose work per statement was a fifth of
 * the admin server's CPU per start (ADR 041). Inside a transaction, or on any other client, it is
 * `$queryRaw` as before. Column values come as node-postgres parses them: the same as `$queryRaw`
 * for text, uuid, integer, boolean, timestamp, json and arrays of those; a bigint is a string here.
 */
export function queryRows<T>(db: Db, sql: Prisma.Sql): Promise<T[]> {
  const direct = directRows.get(db);
  return direct === undefined ? db.$queryRaw<T[]>(sql) : direct<T>(sql);
}

function poolRows(pool: pg.Pool): Rows {
  const nameOf = statementNamer("tp_direct_");
  return async <T>(sql: Prisma.Sql) => {
    const text = sql.text;
    const name = sql.values.length > 0 ? nameOf(text) : undefined;
    const result = await pool.query({ ...(name === undefined ? {} : { name }), text, values: sql.values as unknown[] });
    return result.rows as T[];
  };
}
