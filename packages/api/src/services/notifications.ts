import type { Db, Prisma } from "@tenantpilot/db";
import { afterCursor, newestFirst, toPage, type Cursor } from "./page-cursor";
import { boundConnection, runReason } from "./run-reason";

const notificationSelect = {
  id: true,
  kind: true,
  title: true,
  body: true,
  readAt: true,
  createdAt: true,
  runId: true,
  /** batch.finished: the batch it reports on (its page is routes.batch). */
  batchId: true,
  tenant: { select: { id: true, slug: true, displayName: true } },
  run: { select: { id: true, reasonCode: true, reasonDetail: true, diagnostics: true, providerConnectionId: true, connectionSnapshot: true } },
} as const satisfies Prisma.NotificationSelect;
type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof notificationSelect }>;

export async function listNotifications(db: Db, userId: string, query: { unreadOnly: boolean; cursor: Cursor | null; limit: number }) {
  const [rows, unread] = await Promise.all([
    db.notification.findMany({
      where: { userId, ...(query.unreadOnly ? { readAt: null } : {}), ...afterCursor(query.cursor) },
      select: notificationSelect,
      orderBy: newestFirst,
      take: query.limit + 1,
    }),
    db.notification.count({ where: { userId, readAt: null } }),
  ]);
  return { ...toPage(rows, query.limit, toNotificationView), unreadCount: unread };
}

/**
 * A terminal notification with what the bell shows beside its words: the run's reason's next step
 * (the same the run page and a blocked start offer) and the connection the run used.
 */
function toNotificationView({ run, ...row }: NotificationRow) {
  const reason = run === null || row.tenant === null ? null : runReason(run, row.tenant.slug);
  const connection = run === null ? null : boundConnection(run.connectionSnapshot);
  return {
    ...row,
    nextStep: reason?.nextStep ?? null,
    connection: connection === null ? null : { id: connection.id, displayName: connection.displayName },
  };
}

/** Marks the given notifications (already checked to be the user's) read; read ones keep their first read time. */
export async function markNotificationsRead(db: Db, userId: string, ids: string[] | "all"): Promise<{ updated: number }> {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) },
    data: { readAt: new Date() },
  });
  return { updated: count };
}
