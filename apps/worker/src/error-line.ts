/**
 * An error as one log-friendly line: Prisma puts the invocation above the cause ("Invalid
 * `prisma.$queryRaw()` invocation: … Can't reach database server"), the last line is what happened.
 */
export function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message.split("\n").map((line) => line.trim()).filter(Boolean).pop() ?? error.name;
}
