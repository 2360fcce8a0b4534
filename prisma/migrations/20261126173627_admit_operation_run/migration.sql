-- Admission of an operation run as ONE statement: insert the queued run and add its
-- graphile-worker job, atomically. Called by packages/dispatch-gate (admitRun).
--
-- Why a function: an interactive transaction costs BEGIN + statement + COMMIT round trips and
-- client-side transaction bookkeeping; one autocommit statement is one round trip, and a
-- statement is atomic on its own. A plain data-modifying CTE would also be one statement, but it
-- cannot abort itself when add_job answers no job; this function raises, which rolls back the run.
--
-- The partial unique index operation_runs_one_active_per_scope remains the admission guarantee:
-- a concurrent admission for a held scope fails here with 23505 on that index (see ADR 003).
-- graphile_worker objects are resolved at call time, so this migration does not depend on the
-- worker schema being installed first.
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
) RETURNS TABLE (run_id uuid, job_id bigint)
LANGUAGE plpgsql
AS $$
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
    RETURNING id INTO v_run_id;

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

    run_id := v_run_id;
    job_id := v_job_id;
    RETURN NEXT;
END;
$$;
