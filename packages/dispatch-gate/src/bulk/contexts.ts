import { Prisma, type Db } from "@tenantpilot/db";
import { contextFromRow, contextQueryOf, type ContextQuery, type ContextRow, type PreflightContext, type StartInput } from "../preflight-context";

/**
 * The preflight contexts of N starts in ONE statement: the same columns as operation_start_context
 * (migrations 20261126174008, 20261201200000: the bound connection's last word from Microsoft, the
 * backup set's policy families), read for every (tenant, scope, target) of the input at once, and
 * turned into contexts by the same contextFromRow. A tenant that no longer exists answers null.
 * Inputs are not restricted to one operation: the tenants list reads several per tenant.
 */
export async function loadPreflightContexts(db: Db, inputs: readonly StartInput[]): Promise<(PreflightContext | null)[]> {
  if (inputs.length === 0) return [];
  const queries = inputs.map(contextQueryOf);
  // One JSON document in, one out: the client then serialises and parses one value instead of five
  // arrays and twenty typed columns per tenant, most of the read's cost on the node side at 10,000
  // tenants (measured with bench:bulk). Each row is a positional array (JsonContextRow's order), not
  // an object: the column names repeated 10,000 times were half of a 9 MB answer. The granted
  // permissions are answered once per distinct set and each row names its set by index: the same
  // dozen permission names repeated per tenant were most of what remained. The clock is read once.
  const [answer] = await db.$queryRaw<{ db_now: Date; grants: string | null; rows: string | null }[]>`
    WITH ctx AS (${contextRows(inputs, queries)}
    ), grants AS (
      SELECT d.granted_permissions, (row_number() OVER () - 1)::int AS n
        FROM (SELECT DISTINCT x.granted_permissions FROM ctx x WHERE x.granted_permissions IS NOT NULL) d
    )
    SELECT now() AS db_now,
           (SELECT json_agg(g.granted_permissions ORDER BY g.n) FROM grants g)::text AS grants,
           (SELECT json_agg(json_build_array(
                   x.ord, x.tenant_id, x.workspace_id, x.slug, x.tenant_status,
                   x.c_id, x.display_name, x.client_id, x.identity_version, x.enabled, x.consent_state,
                   x.has_secret, x.client_secret_expires_at, g.n,
                   x.reason, x.missing_permissions, x.observed_at, x.last_run_id,
                   x.b_status, x.families,
                   x.r_id, x.operation, x.r_status, x.target_kind, x.r_target_id))
              FROM ctx x LEFT JOIN grants g ON g.granted_permissions = x.granted_permissions)::text AS rows`;

  const contexts: (PreflightContext | null)[] = inputs.map(() => null);
  // Text, parsed here: the client would otherwise walk the parsed document value by value.
  const rows = answer?.rows ? (JSON.parse(answer.rows) as JsonContextRow[]) : [];
  // Frozen: the rows of one set share its array, and grantsPermission may then keep its Set (permissions.ts).
  const grants = answer?.grants ? (JSON.parse(answer.grants) as string[][]).map((set) => Object.freeze(set)) : [];
  const dbNow = answer?.db_now ?? new Date();
  for (const row of rows) {
    const index = row[0] - 1;
    const input = inputs[index];
    const query = queries[index];
    if (input && query) contexts[index] = contextFromRow(input, query, revive(row, dbNow, grants));
  }
  return contexts;
}

/**
 * The context columns of N starts, one row per start that names an existing tenant, with `ord` (the
 * input's position, from 1): the columns of operation_start_context, read for every (tenant, scope, target) at once. The one
 * definition behind loadPreflightContexts and readinessRollup.
 */
export function contextRows(inputs: readonly StartInput[], queries: readonly ContextQuery[]): Prisma.Sql {
  return Prisma.sql`
    SELECT q.ord, t.id AS tenant_id, t.workspace_id, t.slug, t.status AS tenant_status,
           c.id AS c_id, c.display_name, c.client_id::text AS client_id, c.identity_version, c.enabled, c.consent_state,
           (c.client_secret_encrypted IS NOT NULL) AS has_secret, c.client_secret_expires_at, c.granted_permissions,
           w.reason, w.missing_permissions, w.observed_at, w.run_id AS last_run_id,
           b.status AS b_status, f.families,
           r.id AS r_id, r.operation, r.status AS r_status, r.target_kind, r.target_id AS r_target_id
      FROM jsonb_to_recordset(${JSON.stringify(
        queries.map((q, index) => ({
          ord: index + 1,
          tenant_id: inputs[index]?.tenantId,
          scope_key: q.scope?.key ?? null,
          bind_target: q.bindsTarget,
          connection_id: q.connectionTargetId,
          backup_set_id: q.backupSetId,
        })),
      )}::jsonb) AS q(ord int, tenant_id uuid, scope_key text, bind_target boolean, connection_id text, backup_set_id text)
      JOIN tenants t ON t.id = q.tenant_id
      LEFT JOIN provider_connections c
        ON c.tenant_id = t.id
       AND CASE WHEN q.bind_target THEN c.id::text = q.connection_id ELSE c.is_primary END
      LEFT JOIN LATERAL provider_last_word(c.id, c.identity_version, c.client_id::text) w ON c.id IS NOT NULL
      LEFT JOIN backup_sets b
        ON b.tenant_id = t.id AND b.id::text = q.backup_set_id
      LEFT JOIN LATERAL (
            SELECT array_agg(DISTINCT i.policy_type) AS families
              FROM backup_items i
             WHERE i.backup_set_id = b.id
      ) f ON b.id IS NOT NULL
      LEFT JOIN LATERAL (
            SELECT o.id, o.operation, o.status, o.target_kind, o.target_id
              FROM operation_runs o
             WHERE o.tenant_id = t.id AND o.scope_key = q.scope_key AND o.status IN ('queued', 'running')
             LIMIT 1
      ) r ON true`;
}

/** A context row as the statement builds it: positional, timestamps as text. */
type JsonContextRow = [
  ord: number,
  tenantId: string,
  workspaceId: string,
  slug: string,
  tenantStatus: string,
  cId: string | null,
  cDisplayName: string | null,
  cClientId: string | null,
  cIdentityVersion: number | null,
  cEnabled: boolean | null,
  cConsentState: string | null,
  cHasSecret: boolean | null,
  cSecretExpiresAt: string | null,
  /** An index into the answer's distinct granted-permission sets. */
  cGrantedPermissions: number | null,
  cLastReason: string | null,
  cLastMissingPermissions: string[] | null,
  cLastObservedAt: string | null,
  cLastRunId: string | null,
  bStatus: string | null,
  bPolicyFamilies: string[] | null,
  rId: string | null,
  rOperation: string | null,
  rStatus: string | null,
  rTargetKind: string | null,
  rTargetId: string | null,
];

function revive(row: JsonContextRow, dbNow: Date, grants: readonly (readonly string[])[]): ContextRow {
  // By position (JsonContextRow's order; row[0] is the input's ordinal): each read is typed by the tuple.
  return {
    db_now: dbNow,
    tenant_id: row[1],
    workspace_id: row[2],
    slug: row[3],
    tenant_status: row[4],
    c_id: row[5],
    c_display_name: row[6],
    c_client_id: row[7],
    c_identity_version: row[8],
    c_enabled: row[9],
    c_consent_state: row[10],
    c_has_secret: row[11],
    c_secret_expires_at: row[12] === null ? null : new Date(row[12]),
    c_granted_permissions: row[13] === null ? null : (grants[row[13]] ?? null),
    c_last_reason: row[14],
    c_last_missing_permissions: row[15],
    c_last_observed_at: row[16] === null ? null : new Date(row[16]),
    c_last_run_id: row[17],
    b_status: row[18],
    b_policy_families: row[19],
    r_id: row[20],
    r_operation: row[21],
    r_status: row[22],
    r_target_kind: row[23],
    r_target_id: row[24],
  };
}
