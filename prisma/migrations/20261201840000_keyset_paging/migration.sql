-- Keyset paging on a unique, index-backed key for every list (issue 13 item 6, ADR 032).
-- Each list orders by (created_at DESC, id DESC) under its equality filter: the index must end with
-- id, so that the page query is one index range read from the cursor on, with no sort.

-- A tenant's inventory and directory used to page by last_seen_at, which every sync moves: a sync
-- between two page loads repeated or skipped rows. They now page by when the row was first seen,
-- which no sync changes (the upserts leave it alone). Existing rows start at their last sighting.
ALTER TABLE "inventory_items" ADD COLUMN "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "inventory_items" SET "created_at" = "last_seen_at";
CREATE INDEX "inventory_items_tenant_id_created_at_id_idx" ON "inventory_items"("tenant_id", "created_at", "id");
-- The policy type filter is a chip on the page: its pages read their own range too.
CREATE INDEX "inventory_items_tenant_id_policy_type_created_at_id_idx" ON "inventory_items"("tenant_id", "policy_type", "created_at", "id");

ALTER TABLE "directory_objects" ADD COLUMN "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "directory_objects" SET "created_at" = "last_seen_at";
CREATE INDEX "directory_objects_tenant_id_created_at_id_idx" ON "directory_objects"("tenant_id", "created_at", "id");

-- Indexes ending with created_at could not give (created_at, id) order: replaced by ones ending with id.
-- operation_runs and the workspace's audit log have theirs since migration 20261201702000; the old
-- ones only cost writes (every admission maintains them).
DROP INDEX "operation_runs_tenant_id_created_at_idx";
-- Monitoring across every tenant the caller sees (tenant_id IN (...)): newest first over the whole
-- table, each row checked against the list, instead of sorting all the caller's runs per page.
CREATE INDEX "operation_runs_created_at_id_idx" ON "operation_runs"("created_at", "id");

DROP INDEX "backup_sets_tenant_id_created_at_idx";
CREATE INDEX "backup_sets_tenant_id_created_at_id_idx" ON "backup_sets"("tenant_id", "created_at", "id");

-- reports.list pages with or without the kind filter: one index for each.
DROP INDEX "reports_tenant_id_kind_created_at_idx";
CREATE INDEX "reports_tenant_id_kind_created_at_id_idx" ON "reports"("tenant_id", "kind", "created_at", "id");
CREATE INDEX "reports_tenant_id_created_at_id_idx" ON "reports"("tenant_id", "created_at", "id");

DROP INDEX "audit_log_workspace_id_created_at_idx";
DROP INDEX "audit_log_tenant_id_created_at_idx";
CREATE INDEX "audit_log_tenant_id_created_at_id_idx" ON "audit_log"("tenant_id", "created_at", "id");

DROP INDEX "notifications_user_id_created_at_idx";
CREATE INDEX "notifications_user_id_created_at_id_idx" ON "notifications"("user_id", "created_at", "id");
