import { Prisma, type Db } from "@tenantpilot/db";
import { sealSecret, type EncryptionKey } from "@tenantpilot/auth";
import type { Actor } from "@tenantpilot/dispatch-gate/contract";
import { recordAudit } from "@tenantpilot/dispatch-gate";
import { connectionViewSelect, toConnectionView, type ConnectionView } from "./connection-view";

// Writes of provider connections. Each runs inside the caller's transaction (the procedure opens
// it) together with its audit row, which records the connection's name as it was (the activity log
// names its subject by it once the connection is renamed or gone). Secrets arrive in plain text, are sealed here and are never
// returned, logged or written to the audit log.

export interface TenantOwner {
  id: string;
  workspaceId: string;
}

export interface NewConnection {
  displayName: string;
  clientId: string;
  clientSecret?: string;
  secretExpiresAt?: Date;
  /** Default: primary when the tenant has no primary connection yet. */
  makePrimary?: boolean;
}

export async function createConnection(
  db: Db,
  key: EncryptionKey,
  actor: Actor,
  tenant: TenantOwner,
  input: NewConnection,
): Promise<ConnectionView> {
  await lockTenantConnections(db, tenant.id);
  const hasPrimary = (await db.providerConnection.count({ where: { tenantId: tenant.id, isPrimary: true } })) > 0;
  const makePrimary = input.makePrimary ?? !hasPrimary;
  if (makePrimary) await db.providerConnection.updateMany({ where: { tenantId: tenant.id, isPrimary: true }, data: { isPrimary: false } });
  const row = await db.providerConnection.create({
    data: {
      tenantId: tenant.id,
      displayName: input.displayName,
      clientId: input.clientId,
      clientSecretEncrypted: input.clientSecret === undefined ? null : sealSecret(input.clientSecret, key),
      clientSecretExpiresAt: input.clientSecret === undefined ? null : (input.secretExpiresAt ?? null),
      isPrimary: makePrimary,
    },
    select: connectionViewSelect,
  });
  await recordAudit(db, {
    workspaceId: tenant.workspaceId,
    tenantId: tenant.id,
    actor,
    action: "connection.created",
    targetId: row.id,
    details: { name: row.displayName, clientId: row.clientId, isPrimary: row.isPrimary, hasSecret: row.clientSecretEncrypted !== null },
  });
  return toConnectionView(row);
}

export interface ConnectionChanges {
  displayName?: string;
  clientId?: string;
}

/**
 * Renames or re-points a connection. A new client id is another app registration: the stored
 * secret, consent and granted permissions belonged to the old one and are cleared, and the
 * identity version is bumped so queued runs notice the change.
 */
export async function updateConnection(
  db: Db,
  actor: Actor,
  tenant: TenantOwner,
  connectionId: string,
  changes: ConnectionChanges,
): Promise<ConnectionView> {
  const current = await db.providerConnection.findUniqueOrThrow({ where: { id: connectionId }, select: { clientId: true } });
  const newIdentity = changes.clientId !== undefined && changes.clientId.toLowerCase() !== current.clientId.toLowerCase();
  const row = await db.providerConnection.update({
    where: { id: connectionId },
    data: {
      ...(changes.displayName === undefined ? {} : { displayName: changes.displayName }),
      ...(newIdentity
        ? {
            clientId: changes.clientId,
            clientSecretEncrypted: null,
            clientSecretExpiresAt: null,
            consentState: "pending",
            grantedPermissions: [],
            lastCheckAt: null,
            lastCheckStatus: null,
            lastCheckReason: null,
            identityVersion: { increment: 1 },
          }
        : {}),
    },
    select: connectionViewSelect,
  });
  await recordAudit(db, {
    workspaceId: tenant.workspaceId,
    tenantId: tenant.id,
    actor,
    action: "connection.updated",
    targetId: connectionId,
    details: { name: row.displayName, changed: Object.keys(changes).filter((field) => field !== "clientId" || newIdentity), identityVersion: row.identityVersion },
  });
  return toConnectionView(row);
}

/** Stores a new sealed secret and bumps the identity version: runs queued with the old secret see connection_changed. */
export async function rotateConnectionSecret(
  db: Db,
  key: EncryptionKey,
  actor: Actor,
  tenant: TenantOwner,
  connectionId: string,
  input: { clientSecret: string; secretExpiresAt?: Date },
): Promise<ConnectionView> {
  const row = await db.providerConnection.update({
    where: { id: connectionId },
    data: {
      clientSecretEncrypted: sealSecret(input.clientSecret, key),
      clientSecretExpiresAt: input.secretExpiresAt ?? null,
      identityVersion: { increment: 1 },
    },
    select: connectionViewSelect,
  });
  await recordAudit(db, {
    workspaceId: tenant.workspaceId,
    tenantId: tenant.id,
    actor,
    action: "connection.secret_rotated",
    targetId: connectionId,
    details: { name: row.displayName, identityVersion: row.identityVersion, secretExpiresAt: row.clientSecretExpiresAt?.toISOString() ?? null },
  });
  return toConnectionView(row);
}

/**
 * Makes one connection the tenant's primary. The tenant's row lock serialises concurrent
 * changes; the partial unique index provider_connections_one_primary_per_tenant is what
 * guarantees a single primary even if something bypasses this function.
 */
export async function setPrimaryConnection(
  db: Db,
  actor: Actor,
  tenant: TenantOwner,
  connectionId: string,
): Promise<ConnectionView> {
  await lockTenantConnections(db, tenant.id);
  await db.providerConnection.updateMany({
    where: { tenantId: tenant.id, isPrimary: true, id: { not: connectionId } },
    data: { isPrimary: false },
  });
  const row = await db.providerConnection.update({ where: { id: connectionId }, data: { isPrimary: true }, select: connectionViewSelect });
  await recordAudit(db, {
    workspaceId: tenant.workspaceId,
    tenantId: tenant.id,
    actor,
    action: "connection.primary_set",
    targetId: connectionId,
    // The name as it was, so the activity log can say it after a rename or removal.
    details: { name: row.displayName },
  });
  return toConnectionView(row);
}

/** Disables a connection; it stays primary, so starts block with provider_connection_disabled until it is fixed or replaced. */
export async function disableConnection(
  db: Db,
  actor: Actor,
  tenant: TenantOwner,
  connectionId: string,
): Promise<ConnectionView> {
  const row = await db.providerConnection.update({ where: { id: connectionId }, data: { enabled: false }, select: connectionViewSelect });
  await recordAudit(db, {
    workspaceId: tenant.workspaceId,
    tenantId: tenant.id,
    actor,
    action: "connection.disabled",
    targetId: connectionId,
    details: { name: row.displayName },
  });
  return toConnectionView(row);
}

/**
 * Serialises primary changes of one tenant. FOR NO KEY UPDATE does not block inserts that only
 * reference the tenant (runs, audit rows), unlike FOR UPDATE.
 */
async function lockTenantConnections(db: Db, tenantId: string): Promise<void> {
  await db.$queryRaw(Prisma.sql`SELECT 1 FROM tenants WHERE id = ${tenantId}::uuid FOR NO KEY UPDATE`);
}
