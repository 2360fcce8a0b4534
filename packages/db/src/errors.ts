import { Prisma } from "./generated/prisma/client";

/**
 * True for a unique-constraint violation, whether it surfaces as Prisma's P2002 or as a
 * raw PostgreSQL 23505 from `$executeRaw` / node-postgres. Optionally narrowed to one index.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    if (!constraint) return true;
    return JSON.stringify(error.meta ?? {}).includes(constraint) || error.message.includes(constraint);
  }
  const pgError = error as { code?: unknown; constraint?: unknown } | null;
  if (pgError && pgError.code === "23505") {
    return !constraint || pgError.constraint === constraint;
  }
  return false;
}
