-- Everything the dispatch gate decides a start on, in one read: the tenant, the connection the run
-- would bind to (the primary one, or the target connection for a connection check), the target
-- backup set and the run currently holding the scope. Called by packages/dispatch-gate
-- (loadPreflightContext); the decision rules themselves stay in TypeScript.
--
-- Why a function and not the same SELECT sent from the client: the client sends unnamed
-- statements, so PostgreSQL parsed and planned this four-way join on every start (≈0.5 ms of
-- planning for ≈0.07 ms of execution). PL/pgSQL caches the plan per connection, which measurably
-- raises the gate's throughput (docs/benchmarks.md).
--
-- VOLATILE on purpose: the query inside then takes its own snapshot after acquiring its locks,
-- so the re-read that follows a lost admission race sees the latest committed state (a STABLE
-- function would read with the snapshot of the calling statement, taken before any lock wait).
--
-- Ids arrive as text and are compared as text, so a malformed target id is "not found" rather
-- than a cast error. The secret itself is never read: only whether one is stored.
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
    b_status text,
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
           b.status,
           r.id, r.operation, r.status, r.target_kind, r.target_id
      FROM tenants t
      LEFT JOIN provider_connections c
        ON c.tenant_id = t.id
       AND CASE WHEN p_bind_target_connection THEN c.id::text = p_connection_id ELSE c.is_primary END
      LEFT JOIN backup_sets b
        ON b.tenant_id = t.id AND b.id::text = p_backup_set_id
      LEFT JOIN LATERAL (
            SELECT o.id, o.operation, o.status, o.target_kind, o.target_id
              FROM operation_runs o
             WHERE o.tenant_id = t.id AND o.scope_key = p_scope_key AND o.status IN ('queued', 'running')
             LIMIT 1
      ) r ON true
     WHERE t.id = p_tenant_id;
END;
$$;
