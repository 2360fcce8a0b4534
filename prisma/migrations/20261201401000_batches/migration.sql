-- Bulk starts (issue 14, ADR 017): a batch is one operator intent over N tenants, with one row per
-- tenant holding that tenant's StartResult. Its status and counts are derived from those rows and
-- their runs; nothing here stores a count or a status of the batch.

CREATE TABLE "schedules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    -- report.generate only: which report every tenant generates
    "report_kind" TEXT,
    -- the tenant selection (dispatch-gate TenantSelection as JSON), resolved at each firing
    "selection" JSONB NOT NULL,
    "cadence" TEXT NOT NULL,
    -- weekly only: 0 = Sunday … 6 = Saturday
    "weekday" SMALLINT,
    -- wall-clock time in the workspace's time zone
    "local_time" TIME(0) NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "next_fire_at" TIMESTAMPTZ(3) NOT NULL,
    -- whose access the selection is resolved with; NULL: the workspace (the default schedule)
    "created_by_user_id" UUID,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "schedules_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "schedules_cadence_check" CHECK ("cadence" IN ('daily', 'weekly')),
    CONSTRAINT "schedules_weekday_check" CHECK (("cadence" = 'weekly') = ("weekday" IS NOT NULL) AND ("weekday" IS NULL OR "weekday" BETWEEN 0 AND 6)),
    CONSTRAINT "schedules_name_check" CHECK ("name" = btrim("name") AND length("name") BETWEEN 1 AND 80)
);
CREATE INDEX "schedules_workspace_id_created_at_id_idx" ON "schedules"("workspace_id", "created_at", "id");
-- The tick finds due schedules by this index.
CREATE INDEX "schedules_next_fire_at_idx" ON "schedules"("next_fire_at") WHERE NOT "paused";
CREATE UNIQUE INDEX "schedules_one_default_per_workspace" ON "schedules"("workspace_id") WHERE "is_default";
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_created_by_user_id_fkey" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "batches" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "operation" TEXT NOT NULL,
    "target_kind" TEXT NOT NULL,
    "report_kind" TEXT,
    "selection" JSONB NOT NULL,
    -- user | system (CHECK): a schedule's firing is the system's
    "initiator_kind" TEXT NOT NULL,
    "initiator_user_id" UUID,
    -- the API token the user acted through, for the audit trail
    "initiator_token_id" UUID,
    "schedule_id" UUID,
    -- the caller's key: the same key (per workspace and initiator) always answers the first batch
    "idempotency_key" TEXT NOT NULL,
    "tenant_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "batches_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "batches_initiator_check" CHECK (
        ("initiator_kind" = 'user' AND "initiator_user_id" IS NOT NULL) OR ("initiator_kind" = 'system' AND "initiator_user_id" IS NULL)),
    CONSTRAINT "batches_target_kind_check" CHECK ("target_kind" IN ('tenant', 'report_kind', 'provider_connection')),
    CONSTRAINT "batches_idempotency_key_check" CHECK (length("idempotency_key") BETWEEN 1 AND 200)
);
-- "at most one batch per idempotency key" is this index; NULLS NOT DISTINCT so that the system's
-- firings (no user) are deduplicated too.
CREATE UNIQUE INDEX "batches_workspace_id_initiator_user_id_idempotency_key_key"
    ON "batches"("workspace_id", "initiator_user_id", "idempotency_key") NULLS NOT DISTINCT;
CREATE INDEX "batches_workspace_id_created_at_id_idx" ON "batches"("workspace_id", "created_at", "id");
CREATE INDEX "batches_schedule_id_created_at_idx" ON "batches"("schedule_id", "created_at");
ALTER TABLE "batches" ADD CONSTRAINT "batches_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "batches" ADD CONSTRAINT "batches_initiator_user_id_fkey" FOREIGN KEY ("initiator_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "batches" ADD CONSTRAINT "batches_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "schedules"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "batch_items" (
    "batch_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    -- the tenant's StartResult outcome (CHECK)
    "outcome" TEXT NOT NULL,
    -- accepted: the run it admitted; deduped: the run already doing it; scope_busy: the holder
    "run_id" UUID,
    "reason_code" TEXT,
    -- blocked rows only: the answer as given (message, next step, missing permissions). The other
    -- outcomes are told by their run row (id, operation, live status, scope, bound connection), so
    -- nothing here can go stale or disagree with it.
    "result" JSONB,
    CONSTRAINT "batch_items_pkey" PRIMARY KEY ("batch_id", "tenant_id"),
    CONSTRAINT "batch_items_outcome_check" CHECK ("outcome" IN ('accepted', 'deduped', 'scope_busy', 'blocked')),
    CONSTRAINT "batch_items_reason_check" CHECK (("outcome" = 'blocked') = ("reason_code" IS NOT NULL)),
    CONSTRAINT "batch_items_run_check" CHECK (("outcome" = 'blocked') = ("run_id" IS NULL)),
    CONSTRAINT "batch_items_result_check" CHECK (("outcome" = 'blocked') = ("result" IS NOT NULL))
);
CREATE INDEX "batch_items_run_id_idx" ON "batch_items"("run_id");
CREATE INDEX "batch_items_tenant_id_idx" ON "batch_items"("tenant_id");
ALTER TABLE "batch_items" ADD CONSTRAINT "batch_items_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "batch_items" ADD CONSTRAINT "batch_items_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- Runs are terminal rows that are kept; a batch row keeps pointing at its run.
ALTER TABLE "batch_items" ADD CONSTRAINT "batch_items_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "operation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A run admitted by a batch: its terminal notification is folded into the batch's one notification.
ALTER TABLE "operation_runs" ADD COLUMN "batch_id" UUID;
CREATE INDEX "operation_runs_batch_id_idx" ON "operation_runs"("batch_id");
ALTER TABLE "operation_runs" ADD CONSTRAINT "operation_runs_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- The workspace's running count (the cap) reads running runs only: a small partial index.
CREATE INDEX "operation_runs_running_tenant_id_idx" ON "operation_runs"("tenant_id") WHERE "status" = 'running';

ALTER TABLE "notifications" ADD COLUMN "batch_id" UUID;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- One notification per finished batch, however many runs end at once.
CREATE UNIQUE INDEX "notifications_one_per_finished_batch" ON "notifications"("batch_id") WHERE "kind" = 'batch.finished';

-- Admission of N runs and their N graphile-worker jobs in ONE statement (ADR 017). The partial
-- unique index operation_runs_one_active_per_scope stays the only judge: ON CONFLICT … DO NOTHING
-- names it as the arbiter, so a scope held (or being taken) by another transaction waits for it
-- and is skipped when it commits — that tenant answers deduped or scope_busy after its holder is
-- read, exactly like a single start that lost the race. Rows are inserted in (tenant, scope) order
-- so that two bulk admissions over overlapping scopes queue behind each other rather than deadlock.
-- Batch jobs get a lower priority than operator clicks (a larger number) and are spread round-robin
-- over the workspace's batch_run_cap named queues; graphile-worker runs one job per named queue at
-- a time, which caps the workspace's concurrently running batch runs (ADR 018).
-- The batch row of every admitted tenant (outcome accepted) is written here too, from the inserted
-- runs: the rows that lost a race are answered by the caller after it has read their holders.
-- Raises TPA01 when add_jobs answers fewer jobs than runs: the whole admission rolls back.
CREATE FUNCTION "admit_operation_runs"(
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

    INSERT INTO batch_items (batch_id, tenant_id, outcome, run_id)
    SELECT p_batch_id, r.tenant_id, 'accepted', r.run_id
      FROM unnest(v_run_tenants, v_run_ids) AS r(tenant_id, run_id);

    RETURN QUERY
    SELECT r.tenant_id, r.run_id, j.job_id
      FROM unnest(v_run_tenants, v_run_ids) AS r(tenant_id, run_id)
      JOIN unnest(v_job_runs, v_job_ids) AS j(run_id, job_id) ON j.run_id = r.run_id;
END;
$$;
