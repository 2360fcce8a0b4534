-- An accepted tenant's batch row IS its run (ADR 036). admit_operation_runs sets operation_runs.batch_id
-- on exactly the runs it admits, so the accepted batch_items row repeated what the run already says —
-- and writing it was the largest cost of a bulk start beyond the raw insert (10,000 rows, three
-- foreign-key checks each). batch_items keeps the other three outcomes; batch_entries is every row.

-- Existing accepted rows become their runs' batch_id (already set by every admission; set here where a
-- run lacks it), then go.
UPDATE operation_runs r
   SET batch_id = i.batch_id
  FROM batch_items i
 WHERE i.outcome = 'accepted' AND i.run_id = r.id AND r.batch_id IS NULL;
DELETE FROM batch_items WHERE outcome = 'accepted';

ALTER TABLE "batch_items" DROP CONSTRAINT "batch_items_outcome_check";
ALTER TABLE "batch_items" ADD CONSTRAINT "batch_items_outcome_check" CHECK ("outcome" IN ('deduped', 'scope_busy', 'blocked'));

-- At most one admitted run per tenant and batch (a tenant's one accepted row), and the batch's side of
-- its keyset page by tenant id: a page of batch_entries is a merge of this index and batch_items_pkey.
DROP INDEX "operation_runs_batch_id_idx";
CREATE UNIQUE INDEX "operation_runs_one_per_batch_and_tenant" ON "operation_runs"("batch_id", "tenant_id") WHERE "batch_id" IS NOT NULL;

-- Every row of every batch, one per (batch, tenant): the stored deduped / scope_busy / blocked rows and
-- the batch's runs as its accepted rows. The cascades are those of the rows it reads: a deleted run or
-- tenant takes its row along; a deleted batch sets its runs' batch_id to null (they keep running) and
-- takes its stored rows. Read it by batch (batch_id = …, or a batch id IN the batch_ids it answers): a
-- run of no batch is a row with batch_id NULL, which neither matches. The runs are deliberately not
-- filtered on "batch_id IS NOT NULL": PostgreSQL multiplies that clause's selectivity with the reader's
-- "batch_id = $1" (the same column), expects a fraction of the batch's runs, and then sorts them all
-- rather than merging the two (batch_id, tenant_id) indexes for a keyset page (measured; ADR 036).
CREATE VIEW "batch_entries" AS
    SELECT i.batch_id, i.tenant_id, i.outcome, i.run_id, i.reason_code, i.result
      FROM batch_items i
    UNION ALL
    SELECT r.batch_id, r.tenant_id, 'accepted'::text, r.id, NULL::text, NULL::jsonb
      FROM operation_runs r;

-- As in migration 20261201401000, without the accepted batch rows: the inserted runs carry batch_id.
-- Raises TPA01 when add_jobs answers fewer jobs than runs: the whole admission rolls back.
CREATE OR REPLACE FUNCTION "admit_operation_runs"(
    p_batch_id uuid,
    p_workspace_id uuid,
    p_operation text,
    p_task_identifier text,
    p_max_attempts integer,
    p_priority integer,
    p_initiator_kind text,
    p_initiator_user_id uuid,
    -- [{ tenant_id, target_kind, target_id, scope_key, connection_id, snapshot, job_key }]: one
    -- document rather than seven arrays, which the client serialises element by element
    p_runs jsonb
) RETURNS TABLE (tenant_id uuid, run_id uuid, job_id bigint)
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    v_cap integer;
    v_run_ids uuid[];
    v_run_tenants uuid[];
    v_run_keys text[];
    v_job_ids bigint[];
    v_job_runs uuid[];
BEGIN
    SELECT w.batch_run_cap INTO v_cap FROM workspaces w WHERE w.id = p_workspace_id;
    IF v_cap IS NULL THEN
        RAISE EXCEPTION 'workspace % does not exist', p_workspace_id USING ERRCODE = 'TPA02';
    END IF;

    WITH wanted AS (
        SELECT * FROM jsonb_to_recordset(p_runs)
            AS w(tenant_id uuid, target_kind text, target_id text, scope_key text, connection_id uuid, snapshot jsonb, job_key text)
    ), inserted AS (
        INSERT INTO operation_runs (
            tenant_id, operation, target_kind, target_id, scope_key, status,
            initiator_kind, initiator_user_id, provider_connection_id, connection_snapshot, max_attempts, batch_id
        )
        SELECT w.tenant_id, p_operation, w.target_kind, w.target_id, w.scope_key, 'queued',
               p_initiator_kind, p_initiator_user_id, w.connection_id, w.snapshot, p_max_attempts, p_batch_id
          FROM wanted w
         ORDER BY w.tenant_id, w.scope_key
        ON CONFLICT (tenant_id, scope_key) WHERE status IN ('queued', 'running') DO NOTHING
        RETURNING operation_runs.id, operation_runs.tenant_id, operation_runs.scope_key
    )
    SELECT array_agg(i.id ORDER BY i.tenant_id), array_agg(i.tenant_id ORDER BY i.tenant_id),
           array_agg(w.job_key ORDER BY i.tenant_id)
      INTO v_run_ids, v_run_tenants, v_run_keys
      FROM inserted i
      JOIN wanted w ON w.tenant_id = i.tenant_id AND w.scope_key = i.scope_key;

    IF v_run_ids IS NULL THEN
        RETURN;
    END IF;

    SELECT array_agg(j.id), array_agg((j.payload ->> 'runId')::uuid)
      INTO v_job_ids, v_job_runs
      FROM graphile_worker.add_jobs(ARRAY(
          SELECT ROW(p_task_identifier, json_build_object('runId', u.run_id),
                     'batch:' || p_workspace_id::text || ':' || (u.n % v_cap)::text,
                     NULL::timestamptz, p_max_attempts, u.job_key, p_priority, NULL::text[])::graphile_worker.job_spec
            FROM unnest(v_run_ids, v_run_keys) WITH ORDINALITY AS u(run_id, job_key, n)
      )) AS j;

    IF coalesce(array_length(v_job_ids, 1), 0) <> array_length(v_run_ids, 1) THEN
        RAISE EXCEPTION 'graphile_worker.add_jobs returned % jobs for % runs of %',
            coalesce(array_length(v_job_ids, 1), 0), array_length(v_run_ids, 1), p_task_identifier
            USING ERRCODE = 'TPA01', HINT = 'the runs were rolled back';
    END IF;

    RETURN QUERY
    SELECT r.tenant_id, r.run_id, j.job_id
      FROM unnest(v_run_tenants, v_run_ids) AS r(tenant_id, run_id)
      JOIN unnest(v_job_runs, v_job_ids) AS j(run_id, job_id) ON j.run_id = r.run_id;
END;
$$;
