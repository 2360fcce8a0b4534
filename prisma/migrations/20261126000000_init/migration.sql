-- TenantPilot Gate: initial schema. Names follow Prisma's conventions (<table>_pkey,
-- <table>_<cols>_key/_idx/_fkey) so that `prisma migrate diff` against schema.prisma stays clean.
-- Rules Prisma cannot express live here: CHECKs, partial unique indexes.

CREATE TABLE "workspaces" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "workspaces_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "workspaces_slug_key" ON "workspaces"("slug");

CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    -- emails are stored lower-cased so the unique key is case-insensitive
    CONSTRAINT "users_email_lowercase_check" CHECK ("email" = lower("email"))
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

CREATE TABLE "memberships" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "all_tenants" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "memberships_role_check" CHECK ("role" IN ('owner', 'manager', 'operator', 'readonly'))
);
CREATE UNIQUE INDEX "memberships_workspace_id_user_id_key" ON "memberships"("workspace_id", "user_id");
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

CREATE TABLE "tenants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "microsoft_tenant_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'onboarding',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tenants_status_check" CHECK ("status" IN ('onboarding', 'active', 'archived')),
    CONSTRAINT "tenants_slug_format_check" CHECK ("slug" ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$')
);
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");
CREATE INDEX "tenants_workspace_id_idx" ON "tenants"("workspace_id");

CREATE TABLE "tenant_entitlements" (
    "membership_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tenant_entitlements_pkey" PRIMARY KEY ("membership_id", "tenant_id")
);
CREATE INDEX "tenant_entitlements_tenant_id_idx" ON "tenant_entitlements"("tenant_id");

CREATE TABLE "provider_connections" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "display_name" TEXT NOT NULL,
    "client_id" UUID NOT NULL,
    "client_secret_encrypted" TEXT,
    "client_secret_expires_at" TIMESTAMPTZ(3),
    "consent_state" TEXT NOT NULL DEFAULT 'pending',
    "granted_permissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "is_primary" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "identity_version" INTEGER NOT NULL DEFAULT 1,
    "last_check_at" TIMESTAMPTZ(3),
    "last_check_status" TEXT,
    "last_check_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "provider_connections_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "provider_connections_consent_state_check" CHECK ("consent_state" IN ('pending', 'granted', 'revoked')),
    CONSTRAINT "provider_connections_last_check_status_check" CHECK ("last_check_status" IS NULL OR "last_check_status" IN ('ok', 'failed'))
);
CREATE INDEX "provider_connections_tenant_id_idx" ON "provider_connections"("tenant_id");
-- At most one primary connection per tenant: the gate binds accepted runs to it.
CREATE UNIQUE INDEX "provider_connections_one_primary_per_tenant" ON "provider_connections"("tenant_id") WHERE "is_primary";

CREATE TABLE "onboarding_drafts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "created_by_user_id" UUID NOT NULL,
    "tenant_id" UUID,
    "step" TEXT NOT NULL DEFAULT 'details',
    "status" TEXT NOT NULL DEFAULT 'open',
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "onboarding_drafts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "onboarding_drafts_step_check" CHECK ("step" IN ('details', 'connection', 'verify', 'first_sync', 'done')),
    CONSTRAINT "onboarding_drafts_status_check" CHECK ("status" IN ('open', 'completed', 'cancelled'))
);
CREATE INDEX "onboarding_drafts_workspace_id_status_idx" ON "onboarding_drafts"("workspace_id", "status");

CREATE TABLE "operation_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "operation" TEXT NOT NULL,
    "target_kind" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "scope_key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "initiator_kind" TEXT NOT NULL,
    "initiator_user_id" UUID,
    "provider_connection_id" UUID,
    "connection_snapshot" JSONB,
    "reason_code" TEXT,
    "reason_detail" TEXT,
    "items_seen" INTEGER NOT NULL DEFAULT 0,
    "items_changed" INTEGER NOT NULL DEFAULT 0,
    "items_failed" INTEGER NOT NULL DEFAULT 0,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 3,
    "diagnostics" JSONB NOT NULL DEFAULT '{}',
    "heartbeat_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "operation_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "operation_runs_status_check" CHECK ("status" IN ('queued', 'running', 'succeeded', 'partially_succeeded', 'failed', 'cancelled')),
    CONSTRAINT "operation_runs_target_kind_check" CHECK ("target_kind" IN ('tenant', 'backup_set', 'report_kind', 'provider_connection')),
    CONSTRAINT "operation_runs_initiator_check" CHECK (
        ("initiator_kind" = 'user' AND "initiator_user_id" IS NOT NULL) OR ("initiator_kind" = 'system' AND "initiator_user_id" IS NULL)
    ),
    CONSTRAINT "operation_runs_counts_check" CHECK ("items_seen" >= 0 AND "items_changed" >= 0 AND "items_failed" >= 0),
    CONSTRAINT "operation_runs_finished_check" CHECK (("status" IN ('queued', 'running')) = ("finished_at" IS NULL))
);
-- The admission rule: at most one active run per protected scope of a tenant. The gate's
-- insert races on this index; a lost race is read back as deduped / scope_busy.
CREATE UNIQUE INDEX "operation_runs_one_active_per_scope" ON "operation_runs"("tenant_id", "scope_key") WHERE "status" IN ('queued', 'running');
CREATE INDEX "operation_runs_tenant_id_created_at_idx" ON "operation_runs"("tenant_id", "created_at");
CREATE INDEX "operation_runs_status_heartbeat_at_idx" ON "operation_runs"("status", "heartbeat_at");

CREATE TABLE "backup_sets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'capturing',
    "item_count" INTEGER NOT NULL DEFAULT 0,
    "captured_by_run_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    CONSTRAINT "backup_sets_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "backup_sets_status_check" CHECK ("status" IN ('capturing', 'complete', 'partial', 'failed'))
);
CREATE INDEX "backup_sets_tenant_id_created_at_idx" ON "backup_sets"("tenant_id", "created_at");

CREATE TABLE "backup_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "backup_set_id" UUID NOT NULL,
    "policy_type" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "backup_items_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "backup_items_backup_set_id_policy_type_external_id_key" ON "backup_items"("backup_set_id", "policy_type", "external_id");
CREATE INDEX "backup_items_tenant_id_idx" ON "backup_items"("tenant_id");

CREATE TABLE "inventory_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "policy_type" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "last_modified_at" TIMESTAMPTZ(3),
    "payload" JSONB NOT NULL,
    "last_seen_run_id" UUID,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "inventory_items_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "inventory_items_tenant_id_policy_type_external_id_key" ON "inventory_items"("tenant_id", "policy_type", "external_id");

CREATE TABLE "directory_objects" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "principal_name" TEXT,
    "payload" JSONB NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "directory_objects_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "directory_objects_kind_check" CHECK ("kind" IN ('user', 'group'))
);
CREATE UNIQUE INDEX "directory_objects_tenant_id_kind_external_id_key" ON "directory_objects"("tenant_id", "kind", "external_id");

CREATE TABLE "reports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "run_id" UUID,
    "row_count" INTEGER NOT NULL DEFAULT 0,
    "rows" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "reports_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "reports_tenant_id_kind_created_at_idx" ON "reports"("tenant_id", "kind", "created_at");

CREATE TABLE "audit_log" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "tenant_id" UUID,
    "actor_kind" TEXT NOT NULL,
    "actor_user_id" UUID,
    "action" TEXT NOT NULL,
    "operation" TEXT,
    "reason_code" TEXT,
    "target_kind" TEXT,
    "target_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_log_actor_kind_check" CHECK ("actor_kind" IN ('user', 'system', 'token'))
);
CREATE INDEX "audit_log_workspace_id_created_at_idx" ON "audit_log"("workspace_id", "created_at");
CREATE INDEX "audit_log_tenant_id_created_at_idx" ON "audit_log"("tenant_id", "created_at");

CREATE TABLE "notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "tenant_id" UUID,
    "run_id" UUID,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");
-- Exactly one terminal notification per run, even if a finishing task is retried.
CREATE UNIQUE INDEX "notifications_one_terminal_per_run" ON "notifications"("run_id") WHERE "kind" = 'run.terminal';

CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "tenant_entitlements" ADD CONSTRAINT "tenant_entitlements_membership_id_fkey" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "tenant_entitlements" ADD CONSTRAINT "tenant_entitlements_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "provider_connections" ADD CONSTRAINT "provider_connections_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "onboarding_drafts" ADD CONSTRAINT "onboarding_drafts_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "onboarding_drafts" ADD CONSTRAINT "onboarding_drafts_created_by_user_id_fkey" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "onboarding_drafts" ADD CONSTRAINT "onboarding_drafts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "operation_runs" ADD CONSTRAINT "operation_runs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "operation_runs" ADD CONSTRAINT "operation_runs_initiator_user_id_fkey" FOREIGN KEY ("initiator_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "operation_runs" ADD CONSTRAINT "operation_runs_provider_connection_id_fkey" FOREIGN KEY ("provider_connection_id") REFERENCES "provider_connections"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "backup_sets" ADD CONSTRAINT "backup_sets_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "backup_sets" ADD CONSTRAINT "backup_sets_captured_by_run_id_fkey" FOREIGN KEY ("captured_by_run_id") REFERENCES "operation_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "backup_items" ADD CONSTRAINT "backup_items_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "backup_items" ADD CONSTRAINT "backup_items_backup_set_id_fkey" FOREIGN KEY ("backup_set_id") REFERENCES "backup_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "directory_objects" ADD CONSTRAINT "directory_objects_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reports" ADD CONSTRAINT "reports_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reports" ADD CONSTRAINT "reports_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "operation_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "operation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
