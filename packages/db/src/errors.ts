import { Prisma } from "./generated/prisma/client";

interface DriverAdapterCause {
  kind?: unknown;
  originalCode?: unknown;
  constraint?: { index?: unknown; fields?: unknown };
}

/**
 * True for a unique-constraint violation, in each shape it reaches us: Prisma's P2002 (model
 * queries), Prisma's P2010 wrapping the driver adapter's UniqueConstraintViolation (raw queries),
 * or a bare PostgreSQL 23505 (node-postgres). Optionally narrowed to one constraint or index.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") {
      return !constraint || JSON.stringify(error.meta ?? {}).includes(constraint) || error.message.includes(constraint);
    }
    if (error.code === "P2010") {
      const cause = (error.meta as { driverAdapterError?: { cause?: DriverAdapterCause } } | undefined)
        ?.driverAdapterError?.cause;
      const unique = cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505";
      return unique && (!constraint || cause?.constraint?.index === constraint);
    }
    return false;
  }
  const pgError = error as { code?: unknown; constraint?: unknown } | null;
  if (pgError && pgError.code === "23505") {
    return !constraint || pgError.constraint === constraint;
  }
  return false;
}

/** SQLSTATEs that mean "the server is not (or no longer) serving us", not "the statement is wrong". */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300", "53400"]);
const UNAVAILABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "DatabaseDoesNotExist"]);
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH", "EAI_AGAIN"]);

/**
 * True when an error says the database cannot be reached right now (stopped, restarting, network
 * gone, connection slots exhausted) rather than that a statement failed: callers answer "try
 * again shortly" (HTTP 503 + Retry-After) and background loops back off and retry. Recognises
 * Prisma's errors over the pg driver adapter, node-postgres errors and socket errors, also when
 * wrapped as the `cause` of another error (a TRPCError).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== "object" || depth > 5) return false;
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  const candidate = error as {
    code?: unknown;
    syscall?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } };
    cause?: unknown;
  };
  const code = typeof candidate.code === "string" ? candidate.code : "";
  if (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code) || isUnavailableSqlState(code)) return true;
  // A Unix socket whose server is gone is no file at all: ENOENT from connect (ADR 041); Prisma
  // passes the code on with node's words ("connect ENOENT /…/.s.PGSQL.5432") but not the syscall.
  if (code === "ENOENT" && (candidate.syscall === "connect" || (typeof candidate.message === "string" && /\bconnect ENOENT\b/.test(candidate.message)))) {
    return true;
  }
  const adapter = candidate.meta?.driverAdapterError?.cause;
  if (adapter) {
    if (typeof adapter.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(adapter.kind)) return true;
    const adapterCode = adapter.originalCode ?? adapter.code;
    if (typeof adapterCode === "string" && isUnavailableSqlState(adapterCode)) return true;
  }
  // node-postgres says so in words when a socket closes under a query.
  if (typeof candidate.message === "string" && /^Connection terminated|^connection timeout|Client has encountered a connection error/i.test(candidate.message)) {
    return true;
  }
  return isDatabaseUnavailable(candidate.cause, depth + 1);
}

function isUnavailableSqlState(code: string): boolean {
  return UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code);
}
