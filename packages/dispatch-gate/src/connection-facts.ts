import { Prisma, type Db } from "@tenantpilot/db";
import { isConnectionReason, type ConnectionReasonCode } from "./contract";

/**
 * What Microsoft last answered about a connection, when that answer is an objection: a rejected
 * secret, missing consent or a 403, seen by a connection check or by a run. It counts in preflight
 * until a later connection check passes (provider_last_word in SQL, ADR 011).
 */
export interface ProviderLastWord {
  reason: ConnectionReasonCode;
  /** provider_permission_missing: what Graph named; empty when it named nothing. */
  missingPermissions: readonly string[];
  observedAt: Date;
  /** The run that heard it. */
  runId: string;
}

export interface ConnectionFacts {
  id: string;
  displayName: string;
  clientId: string;
  identityVersion: number;
  enabled: boolean;
  consentState: string;
  /** Whether a sealed secret is stored; the secret itself is never loaded here. */
  hasSecret: boolean;
  secretExpiresAt: Date | null;
  grantedPermissions: readonly string[];
  lastWord: ProviderLastWord | null;
}

/** The columns a connection's facts are read from, as both reads name them. */
export interface ConnectionFactsRow {
  c_id: string | null;
  c_display_name: string | null;
  c_client_id: string | null;
  c_identity_version: number | null;
  c_enabled: boolean | null;
  c_consent_state: string | null;
  c_has_secret: boolean | null;
  c_secret_expires_at: Date | null;
  c_granted_permissions: readonly string[] | null;
  c_last_reason: string | null;
  c_last_missing_permissions: string[] | null;
  c_last_observed_at: Date | null;
  c_last_run_id: string | null;
}

export function connectionFactsOf(row: ConnectionFactsRow): ConnectionFacts | null {
  if (row.c_id === null) return null;
  const lastWord =
    row.c_last_reason !== null && isConnectionReason(row.c_last_reason) && row.c_last_observed_at !== null && row.c_last_run_id !== null
      ? {
          reason: row.c_last_reason,
          missingPermissions: row.c_last_missing_permissions ?? [],
          observedAt: row.c_last_observed_at,
          runId: row.c_last_run_id,
        }
      : null;
  return {
    id: row.c_id,
    displayName: row.c_display_name ?? "",
    clientId: row.c_client_id ?? "",
    identityVersion: row.c_identity_version ?? 1,
    enabled: row.c_enabled === true,
    consentState: row.c_consent_state ?? "pending",
    hasSecret: row.c_has_secret === true,
    secretExpiresAt: row.c_secret_expires_at,
    grantedPermissions: row.c_granted_permissions ?? [],
    lastWord,
  };
}

/**
 * The gate's facts about many connections in one statement (connection pages): the same columns
 * and the same provider_last_word the start context reads. Also answers the database's clock, so
 * expiry is judged the way a start would judge it.
 */
export async function loadConnectionFacts(db: Db, connectionIds: readonly string[]): Promise<{ now: Date; connections: Map<string, ConnectionFacts> }> {
  const rows = await db.$queryRaw<(ConnectionFactsRow & { db_now: Date })[]>(Prisma.sql`
    SELECT now() AS db_now,
           c.id AS c_id, c.display_name AS c_display_name, c.client_id::text AS c_client_id,
           c.identity_version AS c_identity_version, c.enabled AS c_enabled, c.consent_state AS c_consent_state,
           (c.client_secret_encrypted IS NOT NULL) AS c_has_secret, c.client_secret_expires_at AS c_secret_expires_at,
           c.granted_permissions AS c_granted_permissions,
           w.reason AS c_last_reason, w.missing_permissions AS c_last_missing_permissions,
           w.observed_at AS c_last_observed_at, w.run_id AS c_last_run_id
      FROM provider_connections c
      LEFT JOIN LATERAL provider_last_word(c.id, c.identity_version, c.client_id::text) w ON true
     WHERE c.id = ANY(${[...connectionIds]}::uuid[])`);
  const connections = new Map<string, ConnectionFacts>();
  for (const row of rows) {
    const facts = connectionFactsOf(row);
    if (facts) connections.set(facts.id, facts);
  }
  const [first] = rows;
  return { now: first?.db_now ?? new Date(), connections };
}
