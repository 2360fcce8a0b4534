-- Admission answers in ONE round trip whichever way it goes: the admitted run and its job, or —
-- when the insert loses to a concurrent admission — the run it lost to. Replaces the function of
-- migration 20261126173627, whose unique violation made the gate re-read the scope and, when holders
-- came and went faster than it could look, give up with an error (ADR 003, ADR 015).
--
-- ON CONFLICT ... DO NOTHING on the partial unique index keeps the index as the only judge: a
-- concurrent insert still waits for the holder's transaction and then either inserts (the holder
-- rolled back) or does nothing (the holder committed). Then the holder is read in the same call:
-- the active run of the scope, or — when it finished in the meantime — the scope's latest run,
-- which is the one that held it while we waited. The caller answers deduped or scope_busy with it
-- either way; a start never loops and never throws for contention.
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
    p_job_key text
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
        initiator_kind, initiator_user_id, provider_connection_id, connection_snapshot, max_attempts
    ) VALUES (
        p_tenant_id, p_operation, p_target_kind, p_target_id, p_scope_key, 'queued',
        p_initiator_kind, p_initiator_user_id, p_provider_connection_id, p_connection_snapshot, p_max_attempts
    )
    ON CONFLICT (tenant_id, scope_key) WHERE status IN ('queued', 'running') DO NOTHING
    RETURNING id INTO v_run_id;

    IF v_run_id IS NULL THEN
        -- Lost: a new statement, so a new snapshot that sees the holder's commit. The active run
        -- first (the partial unique index finds it), else the scope's latest run.
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
