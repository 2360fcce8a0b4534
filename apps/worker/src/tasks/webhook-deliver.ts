import type { Task } from "graphile-worker";
import { z } from "zod";
import type { WorkerDeps } from "../execution/worker-deps";
import { deliverWebhook } from "../webhooks/deliver-webhook";

export const WebhookDeliveryPayload = z.object({ deliveryId: z.uuid() });
export type WebhookDeliveryPayload = z.infer<typeof WebhookDeliveryPayload>;

declare global {
  // graphile-worker's documented extension point is a global namespace.
  namespace GraphileWorker {
    interface Tasks {
      webhook_deliver: WebhookDeliveryPayload;
    }
  }
}

/**
 * One attempt of a webhook delivery (queued with each notification by the database, and again by
 * each failed attempt). Expected failures are recorded, not thrown: graphile-worker's own retry is
 * only for the database failing mid-way, and a receiver deduplicates by webhook-id.
 */
export function webhookDeliverTask(deps: WorkerDeps): Task<"webhook_deliver"> {
  return async (payload) => {
    const { deliveryId } = WebhookDeliveryPayload.parse(payload);
    const outcome = await deliverWebhook(deps.prisma, deps.encryptionKey, deps.webhooks, deliveryId);
    if (outcome.kind === "attempted") {
      const answer = outcome.error ?? `answered ${outcome.httpStatus ?? "?"}`;
      deps.log.info(`webhook delivery ${deliveryId}: attempt ${outcome.attempt} ${outcome.status} (${answer})`);
    } else {
      deps.log.info(`webhook delivery ${deliveryId}: ${outcome.kind === "cancelled" ? "cancelled (webhook removed or disabled)" : `nothing to do (${outcome.status})`}`);
    }
  };
}
