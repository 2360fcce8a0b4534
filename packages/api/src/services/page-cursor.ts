import { isUuid } from "@tenantpilot/dispatch-gate/contract";
// Keyset pagination over (created_at, id), newest first. The cursor is opaque to clients and
// carries only the position of the last row they were shown, so a cursor naming a row the
// caller cannot see reveals nothing: the query stays filtered to the caller's rows.

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(row: Cursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): Cursor | null {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const [at, id, ...rest] = text.split("|");
  if (at === undefined || id === undefined || rest.length > 0) return null;
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()) || !isUuid(id)) return null;
  return { createdAt, id };
}

/**
 * Rows strictly after the cursor in (created_at DESC, id DESC) order. Prisma cannot write the row
 * comparison `(created_at, id) < (…)`, and PostgreSQL does not read an index range out of the OR
 * alone: the redundant `created_at <= …` is what lets the page start at the cursor in the
 * (…, created_at, id) index instead of filtering every row before it (ADR 032).
 */
export function afterCursor(cursor: Cursor | null) {
  if (cursor === null) return {};
  return {
    AND: [
      { createdAt: { lte: cursor.createdAt } },
      { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] },
    ],
  };
}

/** Cuts a `limit + 1` read into a page. */
export function toPage<T extends Cursor, V>(rows: T[], limit: number, view: (row: T) => V): Page<V> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(view), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

export const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];
