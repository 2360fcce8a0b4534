import type { PrismaClient } from "@tenantpilot/db";
import { roleCapabilities, roles } from "@tenantpilot/auth";
import { secretExpiryNotice, secretExpiryThresholds, type SecretExpiryThreshold } from "@tenantpilot/dispatch-gate/contract";

interface DueRow {
  connection_id: string;
  identity_version: number;
  expires_at: Date;
  threshold_days: SecretExpiryThreshold;
  connection_name: string;
  tenant_id: string;
  tenant_name: string;
  workspace_id: string;
}

/** Who is told: members whose role manages connections (owners and managers), if they see the tenant. */
const recipientRoles = roles.filter((role) => roleCapabilities[role].includes("connections.manage"));
const largestThreshold = Math.max(...secretExpiryThresholds);

export interface RaisedWarning {
  connectionId: string;
  thresholdDays: number;
  notified: number;
}

/**
 * Raises the expiry warnings that are due: for every enabled connection of a tenant that is not
 * archived whose client secret expires within a threshold (30, 7, 1 days), the smallest threshold
 * it is within — once per connection, secret and threshold. Two statements whatever the number of
 * connections: read what is due, then write the warnings and their notifications together. The
 * unique index secret_expiry_warnings_once decides "once": of several workers scanning at the same
 * time, exactly one inserts each warning, and only the warnings its statement inserted get
 * notifications (to the recipients who see the tenant). A secret whose larger threshold was never
 * raised (created already close to its end) gets only the smallest one.
 */
export async function raiseSecretExpiryWarnings(prisma: PrismaClient): Promise<RaisedWarning[]> {
  return writeSecretExpiryWarnings(prisma, await dueSecretExpiryWarnings(prisma));
}

/** A secret expiry warning that is due, with its words (the scan's first statement). */
export type DueWarning = DueRow;

/** The warnings due now: what no scan has raised yet for the connection's current secret. */
export function dueSecretExpiryWarnings(prisma: PrismaClient): Promise<DueWarning[]> {
  return prisma.$queryRaw<DueRow[]>`
    SELECT c.id AS connection_id, c.identity_version, c.client_secret_expires_at AS expires_at, c.display_name AS connection_name,
           t.id AS tenant_id, t.display_name AS tenant_name, t.workspace_id,
           (SELECT min(d) FROM unnest(${[...secretExpiryThresholds]}::int[]) AS d
             WHERE c.client_secret_expires_at <= now() + d * interval '1 day')::int AS threshold_days
      FROM provider_connections c
      JOIN tenants t ON t.id = c.tenant_id
     WHERE c.enabled AND c.client_secret_encrypted IS NOT NULL AND t.status <> 'archived'
       AND c.client_secret_expires_at > now()
       AND c.client_secret_expires_at <= now() + ${largestThreshold} * interval '1 day'
       AND NOT EXISTS (
             SELECT 1 FROM secret_expiry_warnings w
              WHERE w.connection_id = c.id AND w.identity_version = c.identity_version
                AND w.threshold_days <= (SELECT min(d) FROM unnest(${[...secretExpiryThresholds]}::int[]) AS d
                                          WHERE c.client_secret_expires_at <= now() + d * interval '1 day'))`;
}

/**
 * Writes due warnings and their notifications in one statement. Safe to run for the same warnings
 * from several workers at once: only the statement whose insert wins a warning notifies for it.
 */
export async function writeSecretExpiryWarnings(prisma: PrismaClient, due: readonly DueWarning[]): Promise<RaisedWarning[]> {
  if (due.length === 0) return [];
  const document = JSON.stringify(
    due.map((row) => ({
      connection_id: row.connection_id,
      identity_version: row.identity_version,
      threshold_days: row.threshold_days,
      expires_at: row.expires_at.toISOString(),
      tenant_id: row.tenant_id,
      workspace_id: row.workspace_id,
      ...secretExpiryNotice({ tenantName: row.tenant_name, connectionName: row.connection_name, expiresAt: row.expires_at, thresholdDays: row.threshold_days }),
    })),
  );
  const raised = await prisma.$queryRaw<{ connection_id: string; threshold_days: number; notified: number }[]>`
    WITH due AS (
      SELECT * FROM jsonb_to_recordset(${document}::jsonb)
        AS d(connection_id uuid, identity_version int, threshold_days int, expires_at timestamptz, tenant_id uuid, workspace_id uuid, title text, body text)
    ), warned AS (
      INSERT INTO secret_expiry_warnings (connection_id, identity_version, threshold_days, secret_expires_at)
      SELECT connection_id, identity_version, threshold_days, expires_at FROM due ORDER BY connection_id
      ON CONFLICT (connection_id, identity_version, threshold_days) DO NOTHING
      RETURNING id, connection_id, threshold_days
    ), notified AS (
      INSERT INTO notifications (user_id, workspace_id, tenant_id, kind, secret_warning_id, title, body)
      SELECT m.user_id, d.workspace_id, d.tenant_id, 'secret.expiring', w.id, d.title, d.body
        FROM warned w
        JOIN due d ON d.connection_id = w.connection_id AND d.threshold_days = w.threshold_days
        JOIN memberships m ON m.workspace_id = d.workspace_id AND m.role = ANY(${recipientRoles}::text[])
       WHERE m.all_tenants OR EXISTS (SELECT 1 FROM tenant_entitlements e WHERE e.membership_id = m.id AND e.tenant_id = d.tenant_id)
      ON CONFLICT (secret_warning_id, user_id) WHERE secret_warning_id IS NOT NULL DO NOTHING
      RETURNING secret_warning_id
    )
    SELECT w.connection_id::text, w.threshold_days, (SELECT count(*) FROM notified n WHERE n.secret_warning_id = w.id)::int AS notified
      FROM warned w`;
  return raised.map((row) => ({ connectionId: row.connection_id, thresholdDays: row.threshold_days, notified: row.notified }));
}
