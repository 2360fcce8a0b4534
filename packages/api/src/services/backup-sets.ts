import type { Db } from "@tenantpilot/db";
import { afterCursor, newestFirst, toPage, type Cursor } from "./page-cursor";

const backupSetSelect = {
  id: true,
  name: true,
  status: true,
  itemCount: true,
  capturedByRunId: true,
  createdAt: true,
  completedAt: true,
} as const;

export async function listBackupSets(db: Db, tenantId: string, page: { cursor: Cursor | null; limit: number }) {
  const rows = await db.backupSet.findMany({
    where: { tenantId, ...afterCursor(page.cursor) },
    select: backupSetSelect,
    orderBy: newestFirst,
    take: page.limit + 1,
  });
  return toPage(rows, page.limit, (row) => row);
}

/** A backup set with its items (without payloads: they can be large and the list does not show them). */
export async function backupSetDetail(db: Db, backupSetId: string) {
  return db.backupSet.findUniqueOrThrow({
    where: { id: backupSetId },
    select: {
      ...backupSetSelect,
      tenant: { select: { id: true, slug: true, displayName: true } },
      items: {
        select: { id: true, policyType: true, externalId: true, displayName: true, createdAt: true },
        orderBy: [{ policyType: "asc" }, { displayName: "asc" }, { id: "asc" }],
      },
    },
  });
}
