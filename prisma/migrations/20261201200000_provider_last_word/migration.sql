-- The provider's last word (ADR 011): what Microsoft last answered about a provider connection
-- counts in preflight until a later connection check passes. It is read from the runs themselves,
-- not stored a second time: the latest finished run of the connection that is either a passing
-- connection check or a failure Microsoft gave a connection reason for (a rejected secret, missing
-- consent, a 403). The connection reason codes below are connectionReasonCodes in
-- packages/dispatch-gate/src/contract/reasons.ts.
--
-- Which identity an answer is about decides whether it still counts: a rejected secret speaks of
-- the secret the run used (same identity_version — rotating the secret is its resolution), consent
-- and permissions speak of the app registration (same client id). A passing check clears both.

CREATE INDEX "operation_runs_provider_answers" ON "operation_runs" ("provider_connection_id", "finished_at" DESC)
 WHERE "provider_connection_id" IS NOT NULL
   AND "finished_at" IS NOT NULL
   AND (("operation" = 'connection.check' AND "status" = 'succeeded')
        OR ("status" = 'failed' AND "reason_code" IN ('provider_consent_missing', 'provider_credentials_missing',
                                                       'provider_credentials_expired', 'provider_permission_missing')));

-- One row when the connection's last word is an objection, none when it is not (never answered,
-- or the latest applicable answer is a passing check).
CREATE FUNCTION "provider_last_word"(p_connection_id uuid, p_identity_version integer, p_client_id text)
RETURNS TABLE (reason text, missing_permissions text[], observed_at timestamptz, run_id uuid)
LANGUAGE sql
STABLE
AS $$
    SELECT w.reason, w.missing_permissions, w.observed_at, w.run_id
      FROM (
            SELECT CASE WHEN o.status = 'succeeded' THEN NULL ELSE o.reason_code END AS reason,
                   CASE WHEN jsonb_typeof(o.diagnostics -> 'missingPermissions') = 'array'
                        THEN ARRAY(SELECT jsonb_array_elements_text(o.diagnostics -> 'missingPermissions'))
                        ELSE ARRAY[]::text[] END AS missing_permissions,
                   o.finished_at AS observed_at,
                   o.id AS run_id
              FROM operation_runs o
             WHERE o.provider_connection_id = p_connection_id
               AND o.finished_at IS NOT NULL
               AND (("operation" = 'connection.check' AND o.status = 'succeeded')
                    OR (o.status = 'failed' AND o.reason_code IN ('provider_consent_missing', 'provider_credentials_missing',
                                                                  'provider_credentials_expired', 'provider_permission_missing')))
               AND CASE WHEN o.reason_code IN ('provider_credentials_missing', 'provider_credentials_expired') AND o.status = 'failed'
                        THEN (o.connection_snapshot ->> 'identityVersion') = p_identity_version::text
                        ELSE (o.connection_snapshot ->> 'clientId') = p_client_id
                   END
             ORDER BY o.finished_at DESC, o.id DESC
             LIMIT 1
           ) w
     WHERE w.reason IS NOT NULL;
$$;

-- operation_start_context (migration 20261126174008) gains the bound connection's last word and
-- the policy families of the target backup set (a restore needs the write permission of each
-- family it writes). Same single read, same VOLATILE reasoning as before.
DROP FUNCTION "operation_start_context"(uuid, text, boolean, text, text);

CREATE FUNCTION "operation_start_context"(
    p_tenant_id uuid,
    p_scope_key text,
    p_bind_target_connection boolean,
    p_connection_id text,
    p_backup_set_id text
) RETURNS TABLE (
    db_now timestamptz,
    tenant_id uuid,
    workspace_id uuid,
    slug text,
    tenant_status text,
    c_id uuid,
    c_display_name text,
    c_client_id text,
    c_identity_version integer,
    c_enabled boolean,
    c_consent_state text,
    c_has_secret boolean,
    c_secret_expires_at timestamptz,
    c_granted_permissions text[],
    c_last_reason text,
    c_last_missing_permissions text[],
    c_last_observed_at timestamptz,
    c_last_run_id uuid,
    b_status text,
    b_policy_families text[],
    r_id uuid,
    r_operation text,
    r_status text,
    r_target_kind text,
    r_target_id text
)
LANGUAGE plpgsql
VOLATILE
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT now(), t.id, t.workspace_id, t.slug, t.status,
           c.id, c.display_name, c.client_id::text, c.identity_version, c.enabled, c.consent_state,
           (c.client_secret_encrypted IS NOT NULL), c.client_secret_expires_at, c.granted_permissions,
           w.reason, w.missing_permissions, w.observed_at, w.run_id,
           b.status, f.families,
           r.id, r.operation, r.status, r.target_kind, r.target_id
      FROM tenants t
      LEFT JOIN provider_connections c
        ON c.tenant_id = t.id
       AND CASE WHEN p_bind_target_connection THEN c.id::text = p_connection_id ELSE c.is_primary END
      LEFT JOIN LATERAL provider_last_word(c.id, c.identity_version, c.client_id::text) w ON c.id IS NOT NULL
      LEFT JOIN backup_sets b
        ON b.tenant_id = t.id AND b.id::text = p_backup_set_id
      LEFT JOIN LATERAL (
            SELECT array_agg(DISTINCT i.policy_type) AS families
              FROM backup_items i
             WHERE i.backup_set_id = b.id
      ) f ON b.id IS NOT NULL
      LEFT JOIN LATERAL (
            SELECT o.id, o.operation, o.status, o.target_kind, o.target_id
              FROM operation_runs o
             WHERE o.tenant_id = t.id AND o.scope_key = p_scope_key AND o.status IN ('queued', 'running')
             LIMIT 1
      ) r ON true
     WHERE t.id = p_tenant_id;
END;
$$;
