import type { Db } from "@tenantpilot/db";
import { generateWebhookSecret, sealSecret, type EncryptionKey } from "@tenantpilot/auth";
import type { PersonActor } from "@tenantpilot/dispatch-gate/contract";
import { recordAudit } from "@tenantpilot/dispatch-gate";

// The workspace's webhook: configured, its secret rotated, or removed by an owner, each in the
// caller's transaction with its audit row. The signing secret is made here, sealed before it is
// stored, and returned to the caller once; the audit log never holds it (nor the URL's query, which
// some receivers use for their own tokens).

export const webhookSelect = { url: true, enabled: true, createdAt: true, updatedAt: true, createdBy: { select: { id: true, displayName: true } } } as const;

/** Creates the webhook (answering its new secret) or changes its URL or enabled state (secret: null, unchanged). */
export async function configureWebhook(
  db: Db,
  key: EncryptionKey,
  actor: PersonActor,
  workspaceId: string,
  settings: { url: string; enabled: boolean },
): Promise<{ secret: string | null }> {
  // Insert-or-nothing, so that of two owners configuring at once exactly one makes (and sees) the secret.
  const fresh = generateWebhookSecret();
  const { count: created } = await db.workspaceWebhook.createMany({
    data: [{ workspaceId, url: settings.url, enabled: settings.enabled, secretEncrypted: sealSecret(fresh, key), createdByUserId: actor.userId }],
    skipDuplicates: true,
  });
  if (created === 0) await db.workspaceWebhook.update({ where: { workspaceId }, data: { url: settings.url, enabled: settings.enabled } });
  const secret = created === 1 ? fresh : null;
  if (!settings.enabled) await cancelPendingDeliveries(db, workspaceId);
  await recordAudit(db, {
    workspaceId,
    tenantId: null,
    actor,
    action: "webhook.configured",
    targetId: workspaceId,
    details: { host: new URL(settings.url).host, enabled: settings.enabled, created: secret !== null },
  });
  return { secret };
}

/** A new signing secret, answered once; deliveries from now on are signed with it. Null: no webhook. */
export async function rotateWebhookSecret(db: Db, key: EncryptionKey, actor: PersonActor, workspaceId: string): Promise<string | null> {
  const secret = generateWebhookSecret();
  const { count } = await db.workspaceWebhook.updateMany({ where: { workspaceId }, data: { secretEncrypted: sealSecret(secret, key) } });
  if (count === 0) return null;
  await recordAudit(db, { workspaceId, tenantId: null, actor, action: "webhook.secret_rotated", targetId: workspaceId });
  return secret;
}

/** Removes the webhook; its pending deliveries are cancelled (the log of earlier ones stays). */
export async function removeWebhook(db: Db, actor: PersonActor, workspaceId: string): Promise<boolean> {
  const { count } = await db.workspaceWebhook.deleteMany({ where: { workspaceId } });
  if (count === 0) return false;
  await cancelPendingDeliveries(db, workspaceId);
  await recordAudit(db, { workspaceId, tenantId: null, actor, action: "webhook.removed", targetId: workspaceId });
  return true;
}

function cancelPendingDeliveries(db: Db, workspaceId: string) {
  return db.webhookDelivery.updateMany({ where: { workspaceId, status: "pending" }, data: { status: "cancelled", nextAttemptAt: null } });
}
