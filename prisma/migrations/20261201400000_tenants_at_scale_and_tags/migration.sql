-- The console at MSP scale (issue 13): tenants searchable by domain, sortable by name and by last
-- activity with keyset paging on indexed unique keys, workspace-scoped tags, and the workspace settings that bulk
-- starts and schedules need (time zone, cap on concurrently running batch runs).

-- The tenant's primary (verified) domain, e.g. contoso.onmicrosoft.com: operators search by it.
ALTER TABLE "tenants" ADD COLUMN "primary_domain" TEXT;
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_primary_domain_check"
    CHECK ("primary_domain" IS NULL OR "primary_domain" ~ '^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$');

-- Keyset order of tenants.list by name: (display_name, id) within a workspace.
CREATE INDEX "tenants_workspace_id_display_name_id_idx" ON "tenants"("workspace_id", "display_name", "id");
-- Composite key that tenant_tags references, so a tag can only hold tenants of its own workspace.
CREATE UNIQUE INDEX "tenants_id_workspace_id_key" ON "tenants"("id", "workspace_id");

-- When a run of the tenant was last admitted or finished (its creation until then), so that "sort by
-- last activity" is a keyset over an index rather than an aggregate over runs. A narrow table of its
-- own, not a column of tenants: admitting 10,000 runs updates 10,000 of these rows, and a row here has
-- two indexes where a tenant row has six (measured: 3–4× cheaper per bulk admission).
CREATE TABLE "tenant_activity" (
    "tenant_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "tenant_activity_pkey" PRIMARY KEY ("tenant_id")
);
CREATE INDEX "tenant_activity_workspace_id_last_activity_at_tenant_id_idx" ON "tenant_activity"("workspace_id", "last_activity_at", "tenant_id");
-- workspace_id is the tenant's, copied by the triggers below (the only writers) for the index.
ALTER TABLE "tenant_activity" ADD CONSTRAINT "tenant_activity_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
INSERT INTO "tenant_activity" ("tenant_id", "workspace_id", "last_activity_at")
SELECT t."id", t."workspace_id",
       GREATEST(t."created_at", COALESCE((SELECT max(COALESCE(r."finished_at", r."created_at")) FROM "operation_runs" r WHERE r."tenant_id" = t."id"), t."created_at"))
  FROM "tenants" t;

-- Every tenant has its row from the start.
CREATE FUNCTION "tenant_activity_on_tenant_insert"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO "tenant_activity" ("tenant_id", "workspace_id", "last_activity_at")
    SELECT n."id", n."workspace_id", n."created_at" FROM new_tenants n;
    RETURN NULL;
END;
$$;
CREATE TRIGGER "tenants_activity_row"
    AFTER INSERT ON "tenants" REFERENCING NEW TABLE AS new_tenants
    FOR EACH STATEMENT EXECUTE FUNCTION "tenant_activity_on_tenant_insert"();

-- On admission: statement-level, so that admitting 10,000 runs in one statement is one upsert. Rows
-- are taken in tenant order: two bulk admissions over overlapping tenants wait for each other
-- instead of deadlocking.
CREATE FUNCTION "tenant_activity_on_run_insert"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO "tenant_activity" AS a ("tenant_id", "workspace_id", "last_activity_at")
    SELECT n."tenant_id", t."workspace_id", max(n."created_at")
      FROM new_runs n JOIN "tenants" t ON t."id" = n."tenant_id"
     GROUP BY n."tenant_id", t."workspace_id"
     ORDER BY n."tenant_id"
    ON CONFLICT ("tenant_id") DO UPDATE SET "last_activity_at" = excluded."last_activity_at"
     WHERE a."last_activity_at" < excluded."last_activity_at";
    RETURN NULL;
END;
$$;
CREATE TRIGGER "operation_runs_activity_on_insert"
    AFTER INSERT ON "operation_runs" REFERENCING NEW TABLE AS new_runs
    FOR EACH STATEMENT EXECUTE FUNCTION "tenant_activity_on_run_insert"();

-- On the end of a run: row-level, only for the transition into a terminal status (heartbeats and
-- progress updates never touch it).
CREATE FUNCTION "tenant_activity_on_run_finish"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE "tenant_activity" SET "last_activity_at" = NEW."finished_at"
     WHERE "tenant_id" = NEW."tenant_id" AND "last_activity_at" < NEW."finished_at";
    RETURN NULL;
END;
$$;
CREATE TRIGGER "operation_runs_activity_on_finish"
    AFTER UPDATE OF "finished_at" ON "operation_runs"
    FOR EACH ROW WHEN (OLD."finished_at" IS NULL AND NEW."finished_at" IS NOT NULL)
    EXECUTE FUNCTION "tenant_activity_on_run_finish"();

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
