-- A restore of a selection of its backup set's policies, and the workspace-wide activity read
-- (issue 17, ADR 025).

-- What of its target a run acts on, as the start request carried it and the gate checked it:
-- restore.execute's {"backupItemIds": [...]}. NULL: the whole target (every other run).
ALTER TABLE "operation_runs" ADD COLUMN "selection" JSONB;

-- admit_operation_run (migration 20261201300000) with the selection: the run is inserted with it
-- in the same statement as its job, so a worker never sees a restore without its selection.
DROP FUNCTION "admit_operation_run"(uuid, text, text, text, text, text, uuid, uuid, jsonb, integer, text, text);

CREATE FUNCTION "admit_operation_run"(
    p_tenant_id uuid,
    p_operation text,
    p_target_kind text,
    p_target_id text,
    p_scope_key text,
    p_initiator_kind text,
    p_initiator_user_id uuid,
    p_provider_connection_id uuid,
    p_connection_snapshot jsonb,
    p_max_attempts integer,
    p_task_identifier text,
    p_job_key text,
    p_selection jsonb
) RETURNS TABLE (
    run_id uuid,
    job_id bigint,
    holder_id uuid,
    holder_operation text,
    holder_status text,
    holder_target_kind text,
    holder_target_id text
)
LANGUAGE plpgsql
VOLATILE
AS $$
#variable_conflict use_column
DECLARE
    v_run_id uuid;
    v_job_id bigint;
BEGIN
    INSERT INTO operation_runs (
        tenant_id, operation, target_kind, target_id, scope_key, status,
        initiator_kind, initiator_user_id, provider_connection_id, connection_snapshot, max_attempts, selection
    ) VALUES (
        p_tenant_id, p_operation, p_target_kind, p_target_id, p_scope_key, 'queued',
        p_initiator_kind, p_initiator_user_id, p_provider_connection_id, p_connection_snapshot, p_max_attempts, p_selection
    )
    ON CONFLICT (tenant_id, scope_key) WHERE status IN ('queued', 'running') DO NOTHING
    RETURNING id INTO v_run_id;

    IF v_run_id IS NULL THEN
        RETURN QUERY
        SELECT NULL::uuid, NULL::bigint, o.id, o.operation, o.status, o.target_kind, o.target_id
          FROM operation_runs o
         WHERE o.tenant_id = p_tenant_id AND o.scope_key = p_scope_key AND o.status IN ('queued', 'running')
         LIMIT 1;
        IF NOT FOUND THEN
            RETURN QUERY
            SELECT NULL::uuid, NULL::bigint, o.id, o.operation, o.status, o.target_kind, o.target_id
              FROM operation_runs o
             WHERE o.tenant_id = p_tenant_id AND o.scope_key = p_scope_key
             ORDER BY o.created_at DESC, o.id DESC
             LIMIT 1;
        END IF;
        RETURN;
    END IF;

    SELECT job.id INTO v_job_id
      FROM graphile_worker.add_job(
          p_task_identifier,
          json_build_object('runId', v_run_id),
          job_key => p_job_key,
          max_attempts => p_max_attempts
      ) AS job;

    IF v_job_id IS NULL THEN
        RAISE EXCEPTION 'graphile_worker.add_job returned no job for %', p_task_identifier
            USING ERRCODE = 'TPA01', HINT = 'the run was rolled back';
    END IF;

    RETURN QUERY SELECT v_run_id, v_job_id, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::text;
END;
$$;

-- The workspace's activity, newest first, a keyset page at a time on (created_at, id).
CREATE INDEX "audit_log_workspace_id_created_at_id_idx" ON "audit_log"("workspace_id", "created_at", "id");
-- Monitoring's list, newest first per tenant on (created_at, id).
CREATE INDEX "operation_runs_tenant_id_created_at_id_idx" ON "operation_runs"("tenant_id", "created_at", "id");
