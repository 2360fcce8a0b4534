import type { Db, Prisma } from "@tenantpilot/db";
import { reasonCatalog, routes } from "@tenantpilot/dispatch-gate/contract";
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
  /** secret.expiring: the connection whose secret ends, and at which threshold. */
  secretWarning: { select: { connectionId: true, thresholdDays: true, secretExpiresAt: true, connection: { select: { displayName: true } } } },
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
function toNotificationView({ run, secretWarning, ...row }: NotificationRow) {
  const reason = run === null || row.tenant === null ? null : runReason(run, row.tenant.slug);
  const connection = run === null ? null : boundConnection(run.connectionSnapshot);
  if (secretWarning !== null) {
    // An expiring secret is resolved where an expired one is: rotate it on the connection's page.
    return {
      ...row,
      nextStep: { label: reasonCatalog.provider_credentials_expired.nextStepLabel, href: routes.connection(secretWarning.connectionId) },
      connection: { id: secretWarning.connectionId, displayName: secretWarning.connection.displayName },
      secretWarning: { thresholdDays: secretWarning.thresholdDays, secretExpiresAt: secretWarning.secretExpiresAt },
    };
  }
  return {
    ...row,
    nextStep: reason?.nextStep ?? null,
    connection: connection === null ? null : { id: connection.id, displayName: connection.displayName },
    secretWarning: null,
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
