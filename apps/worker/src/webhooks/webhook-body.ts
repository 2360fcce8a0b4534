import { z } from "zod";
import { routes, webhookEventType } from "@tenantpilot/dispatch-gate/contract";

/** What the trigger on notifications stored for a delivery (migration 20261201701000). */
const StoredPayload = z.looseObject({
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  workspace: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  tenant: z.object({ id: z.string(), slug: z.string(), displayName: z.string() }).nullable(),
  run: z.object({ id: z.string(), operation: z.string(), status: z.string(), reasonCode: z.string().nullable() }).nullable(),
  batchId: z.string().nullable(),
  secretWarning: z.object({ connectionId: z.string(), thresholdDays: z.number(), secretExpiresAt: z.string() }).nullable(),
});

/**
 * The JSON a receiver gets (docs/webhooks.md): the Standard Webhooks envelope — type, timestamp,
 * data — with the notification's words and facts, and links to the pages that resolve it (absolute
 * when the installation knows its public URL, TENANTPILOT_PUBLIC_URL, else paths).
 */
export function webhookBody(delivery: { id: string; createdAt: Date; payload: unknown }, publicUrl: string | null): string {
  const stored = StoredPayload.parse(delivery.payload);
  const link = (path: string) => (publicUrl === null ? path : new URL(path, publicUrl).toString());
  const links = {
    ...(stored.run ? { run: link(routes.run(stored.run.id)) } : {}),
    ...(stored.tenant ? { tenant: link(routes.tenant(stored.tenant.slug)) } : {}),
    ...(stored.batchId ? { batch: link(routes.batch(stored.batchId)) } : {}),
    ...(stored.secretWarning ? { connection: link(routes.connection(stored.secretWarning.connectionId)) } : {}),
  };
  return JSON.stringify({
    type: webhookEventType,
    timestamp: delivery.createdAt.toISOString(),
    data: { deliveryId: delivery.id, ...stored, links },
  });
}
