-- The console at MSP scale (issue 13): tenants searchable by domain, sortable by last activity with
-- keyset paging on indexed unique keys, workspace-scoped tags, and the workspace settings that bulk
-- starts and schedules need (time zone, cap on concurrently running batch runs).

-- The tenant's primary (verified) domain, e.g. contoso.onmicrosoft.com: operators search by it.
ALTER TABLE "tenants" ADD COLUMN "primary_domain" TEXT;
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_primary_domain_check"
    CHECK ("primary_domain" IS NULL OR "primary_domain" ~ '^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$');

-- When a run of the tenant was last admitted or finished (creation until then). Kept by the trigger
-- below so that "sort by last activity" is a keyset over an index, not an aggregate over runs.
ALTER TABLE "tenants" ADD COLUMN "last_activity_at" TIMESTAMPTZ(3);
UPDATE "tenants" t
   SET "last_activity_at" = GREATEST(t."created_at",
       COALESCE((SELECT max(COALESCE(r."finished_at", r."created_at")) FROM "operation_runs" r WHERE r."tenant_id" = t."id"), t."created_at"));
ALTER TABLE "tenants" ALTER COLUMN "last_activity_at" SET DEFAULT now();
ALTER TABLE "tenants" ALTER COLUMN "last_activity_at" SET NOT NULL;

-- Keyset orders of tenants.list: (display_name, id) and (last_activity_at, id), within a workspace.
CREATE INDEX "tenants_workspace_id_display_name_id_idx" ON "tenants"("workspace_id", "display_name", "id");
CREATE INDEX "tenants_workspace_id_last_activity_at_id_idx" ON "tenants"("workspace_id", "last_activity_at", "id");
-- Composite key that tenant_tags references, so a tag can only hold tenants of its own workspace.
CREATE UNIQUE INDEX "tenants_id_workspace_id_key" ON "tenants"("id", "workspace_id");

-- On admission: statement-level, so that admitting 10,000 runs in one statement touches each tenant
-- row once. Rows are locked in id order first: two bulk admissions over overlapping tenants then wait
-- for each other instead of deadlocking.
CREATE FUNCTION "tenants_touch_on_run_insert"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1 FROM "tenants" t
      WHERE t."id" IN (SELECT DISTINCT n."tenant_id" FROM new_runs n)
      ORDER BY t."id"
      FOR NO KEY UPDATE;
    UPDATE "tenants" t
       SET "last_activity_at" = a.at
      FROM (SELECT n."tenant_id", max(n."created_at") AS at FROM new_runs n GROUP BY n."tenant_id") a
     WHERE t."id" = a."tenant_id" AND t."last_activity_at" < a.at;
    RETURN NULL;
END;
$$;
CREATE TRIGGER "operation_runs_touch_tenant_on_insert"
    AFTER INSERT ON "operation_runs" REFERENCING NEW TABLE AS new_runs
    FOR EACH STATEMENT EXECUTE FUNCTION "tenants_touch_on_run_insert"();

-- On the end of a run: row-level, only for the transition into a terminal status (heartbeats and
-- progress updates never touch the tenant).
CREATE FUNCTION "tenants_touch_on_run_finish"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE "tenants" SET "last_activity_at" = NEW."finished_at"
     WHERE "id" = NEW."tenant_id" AND "last_activity_at" < NEW."finished_at";
    RETURN NULL;
END;
$$;
CREATE TRIGGER "operation_runs_touch_tenant_on_finish"
    AFTER UPDATE OF "finished_at" ON "operation_runs"
    FOR EACH ROW WHEN (OLD."finished_at" IS NULL AND NEW."finished_at" IS NOT NULL)
    EXECUTE FUNCTION "tenants_touch_on_run_finish"();

-- Workspace settings.
ALTER TABLE "workspaces" ADD COLUMN "time_zone" TEXT NOT NULL DEFAULT 'UTC';
-- At most this many batch (and scheduled) runs of the workspace run at once: its batch jobs are spread
-- over this many graphile-worker named queues, each of which runs one job at a time (ADR 018).
ALTER TABLE "workspaces" ADD COLUMN "batch_run_cap" INTEGER NOT NULL DEFAULT 4;
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_batch_run_cap_check" CHECK ("batch_run_cap" BETWEEN 1 AND 64);

-- Tags: workspace-scoped labels for tenants ("EU", "Gold support").
CREATE TABLE "tags" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tags_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tags_name_check" CHECK ("name" = btrim("name") AND length("name") BETWEEN 1 AND 60)
);
-- One tag per name in a workspace, whatever the case ("EU" and "eu" are the same tag).
CREATE UNIQUE INDEX "tags_workspace_id_name_key" ON "tags"("workspace_id", lower("name"));
CREATE UNIQUE INDEX "tags_id_workspace_id_key" ON "tags"("id", "workspace_id");
ALTER TABLE "tags" ADD CONSTRAINT "tags_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "tenant_tags" (
    "tag_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tenant_tags_pkey" PRIMARY KEY ("tag_id", "tenant_id")
);
CREATE INDEX "tenant_tags_tenant_id_idx" ON "tenant_tags"("tenant_id");
-- Both references carry the workspace: a tag of one workspace can never hold another's tenant.
ALTER TABLE "tenant_tags" ADD CONSTRAINT "tenant_tags_tag_id_workspace_id_fkey" FOREIGN KEY ("tag_id", "workspace_id") REFERENCES "tags"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "tenant_tags" ADD CONSTRAINT "tenant_tags_tenant_id_workspace_id_fkey" FOREIGN KEY ("tenant_id", "workspace_id") REFERENCES "tenants"("id", "workspace_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- "failed in the last 24 h" and the per-workspace running count read runs by status and end.
CREATE INDEX "operation_runs_status_finished_at_idx" ON "operation_runs"("status", "finished_at");
