-- Admissions decided a group at a time (ADR 042). admit_operation_run (migration 20261201702000)
-- decides one start per statement; every accepted one then commits on its own, and because add_job
-- NOTIFYs, PostgreSQL serialises those commits on one lock held through each commit's WAL flush.
-- This function decides a group of single starts in one statement, so in one transaction: one INSERT
-- of the runs, one add_jobs, one NOTIFY, one commit — with the same answer per start as
-- admit_operation_run: its run and job when admitted, otherwise the run holding (or, when it finished
-- while this admission waited for it, last holding) its scope.
--
-- p_plans: [{ i, tenant_id, operation, target_kind, target_id, scope_key, initiator_kind,
-- initiator_user_id, connection_id, snapshot, max_attempts, task_identifier, job_key, selection }]
-- (other keys are ignored). At most one plan per (tenant_id, scope_key): the caller keeps a second
-- start of a scope for the next group, where the first one is its holder. Rows are inserted in
-- (tenant_id, scope_key) order, the order every group takes its scopes in, so two groups in flight
-- never wait on each other in a cycle. Raises TPA01 when add_jobs answers fewer jobs than runs
-- (a keyed job of the same scope still locked by a worker): the whole group rolls back and the
-- caller decides its starts one by one.
CREATE FUNCTION "admit_operation_run_group"(p_plans jsonb)
RETURNS TABLE (
    i integer,
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
    v_plans integer[];
    v_runs uuid[];
    v_job_ids bigint[];
    v_job_runs uuid[];
BEGIN
    WITH wanted AS (
        SELECT * FROM jsonb_to_recordset(p_plans) AS w(
            i integer, tenant_id uuid, operation text, target_kind text, target_id text, scope_key text,
            initiator_kind text, initiator_user_id uuid, connection_id uuid, snapshot jsonb, max_attempts integer,
            selection jsonb)
    ), inserted AS (
        INSERT INTO operation_runs (
            tenant_id, operation, target_kind, target_id, scope_key, status,
            initiator_kind, initiator_user_id, provider_connection_id, connection_snapshot, max_attempts, selection
        )
        SELECT w.tenant_id, w.operation, w.target_kind, w.target_id, w.scope_key, 'queued',
               w.initiator_kind, w.initiator_user_id, w.connection_id, w.snapshot, w.max_attempts, w.selection
          FROM wanted w
         ORDER BY w.tenant_id, w.scope_key
        ON CONFLICT (tenant_id, scope_key) WHERE status IN ('queued', 'running') DO NOTHING
        RETURNING operation_runs.id, operation_runs.tenant_id, operation_runs.scope_key
    )
    SELECT array_agg(w.i), array_agg(r.id)
      INTO v_plans, v_runs
      FROM inserted r
      JOIN wanted w ON w.tenant_id = r.tenant_id AND w.scope_key = r.scope_key;

    IF v_runs IS NOT NULL THEN
        SELECT array_agg(j.id), array_agg((j.payload ->> 'runId')::uuid)
          INTO v_job_ids, v_job_runs
          FROM graphile_worker.add_jobs(ARRAY(
              SELECT ROW(p.task_identifier, json_build_object('runId', a.run_id), NULL::text, NULL::timestamptz,
                         p.max_attempts, p.job_key, NULL::integer, NULL::text[])::graphile_worker.job_spec
                FROM unnest(v_plans, v_runs) AS a(i, run_id)
                JOIN jsonb_to_recordset(p_plans) AS p(i integer, tenant_id uuid, scope_key text, task_identifier text,
                                                      max_attempts integer, job_key text) ON p.i = a.i
               ORDER BY p.tenant_id, p.scope_key
          )) AS j;

        IF coalesce(array_length(v_job_ids, 1), 0) <> array_length(v_runs, 1) THEN
            RAISE EXCEPTION 'graphile_worker.add_jobs returned % jobs for % runs',
                coalesce(array_length(v_job_ids, 1), 0), array_length(v_runs, 1)
                USING ERRCODE = 'TPA01', HINT = 'the runs were rolled back';
        END IF;
    END IF;

    -- A fresh snapshot (this is a new statement of a volatile function): a holder this admission
    -- waited for is read as it committed.
    RETURN QUERY
    WITH admitted AS (
        SELECT a.i, a.run_id, j.job_id
          FROM unnest(v_plans, v_runs) AS a(i, run_id)
          JOIN unnest(v_job_runs, v_job_ids) AS j(run_id, job_id) ON j.run_id = a.run_id
    )
    SELECT w.i, a.run_id, a.job_id, h.id, h.operation, h.status, h.target_kind, h.target_id
      FROM jsonb_to_recordset(p_plans) AS w(i integer, tenant_id uuid, scope_key text)
      LEFT JOIN admitted a ON a.i = w.i
      LEFT JOIN LATERAL (
          (SELECT o.id, o.operation, o.status, o.target_kind, o.target_id
             FROM operation_runs o
            WHERE a.run_id IS NULL AND o.tenant_id = w.tenant_id AND o.scope_key = w.scope_key
              AND o.status IN ('queued', 'running')
            LIMIT 1)
          UNION ALL
          (SELECT o.id, o.operation, o.status, o.target_kind, o.target_id
             FROM operation_runs o
            WHERE a.run_id IS NULL AND o.tenant_id = w.tenant_id AND o.scope_key = w.scope_key
            ORDER BY o.created_at DESC, o.id DESC
            LIMIT 1)
          LIMIT 1
      ) h ON true;
END;
$$;

-- A single start is a group of one: the one-start function has no caller left.
DROP FUNCTION "admit_operation_run"(uuid, text, text, text, text, text, uuid, uuid, jsonb, integer, text, text, jsonb);
