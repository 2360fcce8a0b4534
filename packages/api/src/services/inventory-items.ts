import type { Db, Prisma } from "@tenantpilot/db";
import { afterCursor, newestFirst, toPage, type Cursor, type Page } from "./page-cursor";
import { containsLiterally } from "./literal-search";

// The inventory as the last syncs left it. Rows are upserted by every sync, so pages are keyed on
// when a sync first saw the item (created_at, which no sync changes) and its id, newest first, with
// page-cursor's opaque cursor: a sync between two page loads neither repeats nor skips an item
// (it used to be last_seen_at, which every sync moves; ADR 032).

export interface InventoryQuery {
  policyType?: string;
  /** Part of the display name or the provider's id, any case. */
  search?: string;
  cursor: Cursor | null;
  limit: number;
}

export interface InventoryListing extends Page<InventoryListItem> {
  /** Items per policy type matching `search` (the type filter is not applied: these are what each filter would show). */
  counts: { policyType: string; items: number }[];
}

const listItemSelect = {
  id: true,
  policyType: true,
  displayName: true,
  externalId: true,
  lastModifiedAt: true,
  lastSeenRunId: true,
  lastSeenAt: true,
  createdAt: true,
} as const satisfies Prisma.InventoryItemSelect;

export type InventoryListItem = Prisma.InventoryItemGetPayload<{ select: typeof listItemSelect }>;

function matching(tenantId: string, search: string | undefined): Prisma.InventoryItemWhereInput {
  if (search === undefined || search === "") return { tenantId };
  const contains = containsLiterally(search);
  return { tenantId, OR: [{ displayName: contains }, { externalId: contains }] };
}

/** One page of a tenant's inventory (no payloads: they can be large), with counts per policy type. */
export async function listInventory(db: Db, tenantId: string, query: InventoryQuery): Promise<InventoryListing> {
  const where = matching(tenantId, query.search);
  const [rows, groups] = await Promise.all([
    db.inventoryItem.findMany({
      where: { AND: [where, query.policyType === undefined ? {} : { policyType: query.policyType }, afterCursor(query.cursor)] },
      select: listItemSelect,
      orderBy: newestFirst,
      take: query.limit + 1,
    }),
    db.inventoryItem.groupBy({ by: ["policyType"], where, _count: { _all: true }, orderBy: { policyType: "asc" } }),
  ]);
  return {
    ...toPage(rows, query.limit, (row) => row),
    counts: groups.map((group) => ({ policyType: group.policyType, items: group._count._all })),
  };
}

/** One item of the tenant's inventory with the payload the provider answered; null when the tenant has no such item. */
export async function inventoryItemDetail(db: Db, tenantId: string, itemId: string) {
  return db.inventoryItem.findFirst({ where: { id: itemId, tenantId }, select: { ...listItemSelect, payload: true } });
}
