import type { Db } from "@tenantpilot/db";
import { afterCursor, newestFirst, toPage, type Cursor } from "./page-cursor";

export async function listNotifications(db: Db, userId: string, query: { unreadOnly: boolean; cursor: Cursor | null; limit: number }) {
  const [rows, unread] = await Promise.all([
    db.notification.findMany({
      where: { userId, ...(query.unreadOnly ? { readAt: null } : {}), ...afterCursor(query.cursor) },
      select: {
        id: true,
        kind: true,
        title: true,
        body: true,
        readAt: true,
        createdAt: true,
        runId: true,
        tenant: { select: { id: true, slug: true, displayName: true } },
      },
      orderBy: newestFirst,
      take: query.limit + 1,
    }),
    db.notification.count({ where: { userId, readAt: null } }),
  ]);
  return { ...toPage(rows, query.limit, (row) => row), unreadCount: unread };
}

/** Marks the given notifications (already checked to be the user's) read; read ones keep their first read time. */
export async function markNotificationsRead(db: Db, userId: string, ids: string[] | "all"): Promise<{ updated: number }> {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) },
    data: { readAt: new Date() },
  });
  return { updated: count };
}
