/**
 * A list's text search is literal: the text goes into ILIKE (raw SQL, or Prisma's `contains`, which
 * passes it as it is) with its wildcards escaped, so "100%" does not match every name with "100" in
 * it and "a_b" does not match "axb". Case-insensitive via ILIKE / `mode: "insensitive"`.
 */
export function literally(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** Prisma's filter for "contains this text, literally, ignoring case". */
export function containsLiterally(text: string) {
  return { contains: literally(text), mode: "insensitive" } as const;
}
