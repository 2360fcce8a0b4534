import { openSecret, signWebhook, type EncryptionKey } from "@tenantpilot/auth";
import type { PrismaClient } from "@tenantpilot/db";
import { webhookHeaders, webhookUrlProblem } from "@tenantpilot/dispatch-gate/contract";
import { DestinationRefused, postJson } from "./outbound-request";
import { webhookBody } from "./webhook-body";
import { webhookRetryDelayMs, type WebhookOptions } from "./webhook-options";

interface DeliveryRow {
  id: string;
  workspace_id: string;
  status: string;
  attempts: number;
  max_attempts: number;
  payload: unknown;
  created_at: Date;
  url: string | null;
  secret_encrypted: string | null;
  enabled: boolean | null;
}

export type DeliveryOutcome =
  | { kind: "skipped"; status: string }
  | { kind: "cancelled" }
  | { kind: "attempted"; attempt: number; status: "delivered" | "pending" | "failed"; httpStatus: number | null; error: string | null; nextAttemptAt: Date | null };

/**
 * One attempt of one delivery: the workspace's webhook as it is configured now (URL and secret),
 * a body signed for this attempt, and the answer recorded in the delivery log. A 2xx delivers it.
 * Anything else — another status, a redirect (never followed), a refused destination, a network
 * error, a timeout — is a failed attempt: the next one is queued with a doubling pause in the same
 * statement that records this one, until `max_attempts` have been made. Deliveries whose webhook
 * was removed or disabled meanwhile are cancelled.
 */
export async function deliverWebhook(
  prisma: PrismaClient,
  key: EncryptionKey,
  options: WebhookOptions,
  deliveryId: string,
  now: () => Date = () => new Date(),
): Promise<DeliveryOutcome> {
  const [row] = await prisma.$queryRaw<DeliveryRow[]>`
    SELECT d.id, d.workspace_id, d.status, d.attempts, d.max_attempts, d.payload, d.created_at, h.url, h.secret_encrypted, h.enabled
      FROM webhook_deliveries d LEFT JOIN workspace_webhooks h ON h.workspace_id = d.workspace_id
     WHERE d.id = ${deliveryId}::uuid`;
  if (!row || row.status !== "pending") return { kind: "skipped", status: row?.status ?? "missing" };
  if (row.url === null || row.secret_encrypted === null || row.enabled !== true) {
    await prisma.$executeRaw`UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL, updated_at = now() WHERE id = ${row.id}::uuid AND status = 'pending'`;
    return { kind: "cancelled" };
  }

  const attempt = row.attempts + 1;
  const body = webhookBody({ id: row.id, createdAt: row.created_at, payload: row.payload }, options.publicUrl);
  const timestamp = Math.floor(now().getTime() / 1000);
  let httpStatus: number | null = null;
  let error: string | null = null;
  try {
    const problem = webhookUrlProblem(row.url);
    if (problem !== null) throw new DestinationRefused(`the configured URL ${problem}`);
    const secret = openSecret(row.secret_encrypted, key);
    const answer = await postJson(
      row.url,
      body,
      {
        [webhookHeaders.id]: row.id,
        [webhookHeaders.timestamp]: String(timestamp),
        [webhookHeaders.signature]: signWebhook({ secret, id: row.id, timestamp, body }),
        "user-agent": "TenantPilot-Webhooks/1",
      },
      { ...options },
    );
    httpStatus = answer.status;
    if (answer.status >= 300 && answer.status < 400) error = "redirect not followed";
    else if (answer.status < 200 || answer.status >= 300) error = `answered ${answer.status}`;
  } catch (caught) {
    error = caught instanceof Error ? caught.message.slice(0, 500) : "request failed";
  }

  const delivered = error === null;
  const last = !delivered && attempt >= row.max_attempts;
  const status = delivered ? "delivered" : last ? "failed" : "pending";
  const nextAttemptAt = status === "pending" ? new Date(now().getTime() + webhookRetryDelayMs(attempt, options)) : null;
  // Recorded only if nobody recorded this attempt meanwhile; the retry's job is queued with it.
  await prisma.$executeRaw`
    WITH recorded AS (
      UPDATE webhook_deliveries
         SET attempts = ${attempt}, status = ${status}, last_status_code = ${httpStatus}::int, last_error = ${error},
             last_attempt_at = now(), next_attempt_at = ${nextAttemptAt}::timestamptz,
             delivered_at = CASE WHEN ${delivered} THEN now() ELSE NULL END, updated_at = now()
       WHERE id = ${row.id}::uuid AND status = 'pending' AND attempts = ${row.attempts}
      RETURNING id, status, next_attempt_at
    )
    SELECT graphile_worker.add_job('webhook_deliver', json_build_object('deliveryId', r.id), run_at => r.next_attempt_at, max_attempts => 3)
      FROM recorded r WHERE r.status = 'pending'`;
  return { kind: "attempted", attempt, status, httpStatus, error, nextAttemptAt };
}
