import type { Db, Prisma } from "@tenantpilot/db";
import { afterCursor, newestFirst, toPage, type Cursor, type Page } from "./page-cursor";
import { containsLiterally } from "./literal-search";

// Users and groups as the last directory syncs left them. Like inventory_items, pages are keyed on
// when a sync first saw the object (created_at, which no sync changes) and its id, newest first,
// with page-cursor's opaque cursor (ADR 032).

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
  createdAt: true,
} as const satisfies Prisma.DirectoryObjectSelect;

export type DirectoryListItem = Omit<Prisma.DirectoryObjectGetPayload<{ select: typeof listItemSelect }>, "kind"> & {
  kind: DirectoryKind;
};

function matching(tenantId: string, search: string | undefined): Prisma.DirectoryObjectWhereInput {
  if (search === undefined || search === "") return { tenantId };
  const contains = containsLiterally(search);
  return { tenantId, OR: [{ displayName: contains }, { principalName: contains }, { externalId: contains }] };
}

// kind has a CHECK (user | group) in SQL; anything else would be a broken database.
const isDirectoryKind = (kind: string): kind is DirectoryKind => (directoryKinds as readonly string[]).includes(kind);

/** One page of a tenant's directory objects (no payloads), with counts per kind. */
export async function listDirectory(db: Db, tenantId: string, query: DirectoryQuery): Promise<DirectoryListing> {
  const where = matching(tenantId, query.search);
  const [rows, groups] = await Promise.all([
    db.directoryObject.findMany({
      where: { AND: [where, query.kind === undefined ? {} : { kind: query.kind }, afterCursor(query.cursor)] },
      select: listItemSelect,
      orderBy: newestFirst,
      take: query.limit + 1,
    }),
    db.directoryObject.groupBy({ by: ["kind"], where, _count: { _all: true }, orderBy: { kind: "asc" } }),
  ]);
  const page = toPage(rows, query.limit, (row) => row);
  const counts: Record<DirectoryKind, number> = { user: 0, group: 0 };
  for (const group of groups) if (isDirectoryKind(group.kind)) counts[group.kind] = group._count._all;
  return {
    items: page.items.flatMap((row) => (isDirectoryKind(row.kind) ? [{ ...row, kind: row.kind }] : [])),
    nextCursor: page.nextCursor,
    counts,
  };
}
