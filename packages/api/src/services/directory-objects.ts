import type { Db, Prisma } from "@tenantpilot/db";
import { encodeCursor, type Cursor, type Page } from "./page-cursor";

// Users and groups as the last directory syncs left them. Like inventory_items, directory_objects
// has no created_at: pages are keyed on (last_seen_at, id), newest first, with page-cursor's
// opaque cursor.

export const directoryKinds = ["user", "group"] as const;
export type DirectoryKind = (typeof directoryKinds)[number];

export interface DirectoryQuery {
  kind?: DirectoryKind;
  /** Part of the display name, the user principal name / group mail, or the provider's id, any case. */
  search?: string;
  cursor: Cursor | null;
  limit: number;
}

export interface DirectoryListing extends Page<DirectoryListItem> {
  /** Objects per kind matching `search` (the kind filter is not applied), both kinds always present. */
  counts: Record<DirectoryKind, number>;
}

const listItemSelect = {
  id: true,
  kind: true,
  displayName: true,
  principalName: true,
  externalId: true,
  lastSeenAt: true,
} as const satisfies Prisma.DirectoryObjectSelect;

export type DirectoryListItem = Omit<Prisma.DirectoryObjectGetPayload<{ select: typeof listItemSelect }>, "kind"> & {
  kind: DirectoryKind;
};

function matching(tenantId: string, search: string | undefined): Prisma.DirectoryObjectWhereInput {
  if (search === undefined || search === "") return { tenantId };
  const contains = { contains: literally(search), mode: "insensitive" } as const;
  return { tenantId, OR: [{ displayName: contains }, { principalName: contains }, { externalId: contains }] };
}

/** Prisma passes `contains` into ILIKE as it is: "a_b" must not match "axb". */
function literally(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

function afterSeen(cursor: Cursor | null): Prisma.DirectoryObjectWhereInput {
  if (cursor === null) return {};
  return { OR: [{ lastSeenAt: { lt: cursor.createdAt } }, { lastSeenAt: cursor.createdAt, id: { lt: cursor.id } }] };
}

// kind has a CHECK (user | group) in SQL; anything else would be a broken database.
const isDirectoryKind = (kind: string): kind is DirectoryKind => (directoryKinds as readonly string[]).includes(kind);

/** One page of a tenant's directory objects (no payloads), with counts per kind. */
export async function listDirectory(db: Db, tenantId: string, query: DirectoryQuery): Promise<DirectoryListing> {
  const where = matching(tenantId, query.search);
  const [rows, groups] = await Promise.all([
    db.directoryObject.findMany({
      where: { AND: [where, query.kind === undefined ? {} : { kind: query.kind }, afterSeen(query.cursor)] },
      select: listItemSelect,
      orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    }),
    db.directoryObject.groupBy({ by: ["kind"], where, _count: { _all: true }, orderBy: { kind: "asc" } }),
  ]);
  const items = rows.slice(0, query.limit).flatMap((row) => (isDirectoryKind(row.kind) ? [{ ...row, kind: row.kind }] : []));
  const last = rows.slice(0, query.limit).at(-1);
  const counts: Record<DirectoryKind, number> = { user: 0, group: 0 };
  for (const group of groups) if (isDirectoryKind(group.kind)) counts[group.kind] = group._count._all;
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.lastSeenAt, id: last.id }) : null,
    counts,
  };
}
