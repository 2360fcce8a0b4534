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
