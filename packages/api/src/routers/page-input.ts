import { z } from "zod";
import { rejectInput } from "../errors";
import { decodeCursor, type Cursor } from "../services/page-cursor";

/** Shared by every paginated list: an opaque cursor from the previous page and a page size. */
export const pageInput = {
  cursor: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
};

export function pageCursor(cursor: string | undefined): Cursor | null {
  if (cursor === undefined) return null;
  const decoded = decodeCursor(cursor);
  if (decoded === null) throw rejectInput("cursor", "is not a cursor from a previous page");
  return decoded;
}

/** A date range's bounds are in order (or one is open): lists filtered by from/to refine with it. */
export function fromNotAfterTo(range: { from?: Date | undefined; to?: Date | undefined }): boolean {
  return range.from === undefined || range.to === undefined || range.from <= range.to;
}
