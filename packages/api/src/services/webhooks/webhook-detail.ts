import type { Db } from "@tenantpilot/db";
import { describe, webhookDeliveryStatuses, webhookHeaders, type WebhookDeliveryStatus } from "@tenantpilot/dispatch-gate/contract";
import { afterCursor, newestFirst, toPage, type Cursor } from "../page-cursor";
import { webhookSelect } from "./webhook-config";

const deliverySelect = {
  id: true,
  eventKey: true,
  payload: true,
  status: true,
  attempts: true,
  maxAttempts: true,
  lastStatusCode: true,
  lastError: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
} as const;

/**
 * The webhook page in one read: the configuration (never its secret), how deliveries are signed,
 * and the delivery log newest first, a keyset page at a time — each delivery with its event, where
 * it stands, how many attempts it took, the last answer and when it is tried next.
 */
export async function webhookDetail(db: Db, workspaceId: string, page: { status?: WebhookDeliveryStatus; cursor: Cursor | null; limit: number }) {
  const [webhook, rows] = await Promise.all([
    db.workspaceWebhook.findUnique({ where: { workspaceId }, select: webhookSelect }),
    db.webhookDelivery.findMany({
      where: { workspaceId, ...(page.status === undefined ? {} : { status: page.status }), ...afterCursor(page.cursor) },
      select: deliverySelect,
      orderBy: newestFirst,
      take: page.limit + 1,
    }),
  ]);
  return {
    webhook,
    signing: { headers: webhookHeaders, scheme: "Standard Webhooks (HMAC-SHA256, v1)" },
    deliveries: toPage(rows, page.limit, (row) => {
      const status = webhookDeliveryStatuses.find((candidate) => candidate === row.status) ?? "pending";
      const payload = row.payload as { kind?: unknown; title?: unknown };
      return {
        id: row.id,
        event: { key: row.eventKey, kind: typeof payload.kind === "string" ? payload.kind : null, title: typeof payload.title === "string" ? payload.title : null },
        status,
        statusWords: describe({ webhookDelivery: status }),
        attempts: row.attempts,
        maxAttempts: row.maxAttempts,
        lastStatusCode: row.lastStatusCode,
        lastError: row.lastError,
        lastAttemptAt: row.lastAttemptAt,
        nextAttemptAt: row.nextAttemptAt,
        deliveredAt: row.deliveredAt,
        createdAt: row.createdAt,
      };
    }),
  };
}
