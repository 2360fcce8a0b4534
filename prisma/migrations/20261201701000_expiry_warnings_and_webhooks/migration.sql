-- Warnings ahead of time and delivery outside the app (issue 17, ADR 026).

-- A client secret's expiry warning: one row per (connection, secret, threshold). The unique key is
-- the "at most once" rule: however many workers scan at once, one insert wins and only its
-- statement writes the notifications (INSERT … ON CONFLICT DO NOTHING RETURNING). A rotated secret
-- has another identity version, so its own thresholds fire again.
CREATE TABLE "secret_expiry_warnings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "connection_id" UUID NOT NULL,
    "identity_version" INTEGER NOT NULL,
    "threshold_days" INTEGER NOT NULL,
    "secret_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "secret_expiry_warnings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "secret_expiry_warnings_threshold_check" CHECK ("threshold_days" IN (30, 7, 1))
);
CREATE UNIQUE INDEX "secret_expiry_warnings_once" ON "secret_expiry_warnings"("connection_id", "identity_version", "threshold_days");
ALTER TABLE "secret_expiry_warnings" ADD CONSTRAINT "secret_expiry_warnings_connection_id_fkey"
    FOREIGN KEY ("connection_id") REFERENCES "provider_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The scan reads connections whose secret ends within the largest threshold.
CREATE INDEX "provider_connections_secret_expiry_idx" ON "provider_connections"("client_secret_expires_at")
    WHERE "enabled" AND "client_secret_encrypted" IS NOT NULL;

ALTER TABLE "notifications" ADD COLUMN "secret_warning_id" UUID;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_secret_warning_id_fkey"
    FOREIGN KEY ("secret_warning_id") REFERENCES "secret_expiry_warnings"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- One notification per warning and recipient.
CREATE UNIQUE INDEX "notifications_one_per_secret_warning" ON "notifications"("secret_warning_id", "user_id") WHERE "secret_warning_id" IS NOT NULL;

-- One outbound webhook per workspace, configured by an owner. The signing secret is sealed
-- (AES-256-GCM, like client secrets) and shown once when it is made.
CREATE TABLE "workspace_webhooks" (
    "workspace_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret_encrypted" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "workspace_webhooks_pkey" PRIMARY KEY ("workspace_id"),
    -- The API refuses more (credentials, other schemes); this is the last line.
    CONSTRAINT "workspace_webhooks_url_check" CHECK ("url" ~ '^https?://[^/@\s]+(/[^\s]*)?$' AND length("url") <= 2000)
);
ALTER TABLE "workspace_webhooks" ADD CONSTRAINT "workspace_webhooks_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "workspace_webhooks" ADD CONSTRAINT "workspace_webhooks_created_by_user_id_fkey"
    FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One delivery per notification event and workspace (a warning sent to three owners is one event),
-- retried by the worker with backoff; the row is the delivery log.
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    -- run.terminal:<run> | batch.finished:<batch> | secret.expiring:<warning>
    "event_key" TEXT NOT NULL,
    "notification_id" UUID,
    -- The facts of the notification as it was written; the worker adds links and signs.
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 8,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "last_attempt_at" TIMESTAMPTZ(3),
    "next_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed', 'cancelled')),
    CONSTRAINT "webhook_deliveries_attempts_check" CHECK ("attempts" >= 0 AND "attempts" <= "max_attempts")
);
CREATE UNIQUE INDEX "webhook_deliveries_one_per_event" ON "webhook_deliveries"("workspace_id", "event_key");
CREATE INDEX "webhook_deliveries_workspace_id_created_at_id_idx" ON "webhook_deliveries"("workspace_id", "created_at", "id");
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_notification_id_fkey"
    FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every notification, whoever writes it (a run's end, a batch's end, an expiry warning), becomes
-- a delivery of its workspace's webhook in the same transaction, with its job: one place, so no
-- writer can forget it and no delivery exists without its notification having committed.
CREATE FUNCTION "notifications_enqueue_webhook_deliveries"() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    v_delivery uuid;
BEGIN
    FOR v_delivery IN
        INSERT INTO "webhook_deliveries" ("workspace_id", "event_key", "notification_id", "payload")
        SELECT n."workspace_id",
               n."kind" || ':' || coalesce(n."run_id", n."batch_id", n."secret_warning_id", n."id")::text,
               n."id",
               jsonb_build_object(
                   'kind', n."kind",
                   'title', n."title",
                   'body', n."body",
                   'createdAt', n."created_at",
                   'workspace', jsonb_build_object('id', w."id", 'slug', w."slug", 'name', w."name"),
                   'tenant', CASE WHEN t."id" IS NULL THEN NULL
                                  ELSE jsonb_build_object('id', t."id", 'slug', t."slug", 'displayName', t."display_name") END,
                   'run', CASE WHEN r."id" IS NULL THEN NULL
                               ELSE jsonb_build_object('id', r."id", 'operation', r."operation", 'status', r."status", 'reasonCode', r."reason_code") END,
                   'batchId', n."batch_id",
                   'secretWarning', CASE WHEN s."id" IS NULL THEN NULL
                                         ELSE jsonb_build_object('connectionId', s."connection_id", 'thresholdDays', s."threshold_days",
                                                                 'secretExpiresAt', s."secret_expires_at") END)
          FROM inserted n
          JOIN "workspace_webhooks" h ON h."workspace_id" = n."workspace_id" AND h."enabled"
          JOIN "workspaces" w ON w."id" = n."workspace_id"
          LEFT JOIN "tenants" t ON t."id" = n."tenant_id"
          LEFT JOIN "operation_runs" r ON r."id" = n."run_id"
          LEFT JOIN "secret_expiry_warnings" s ON s."id" = n."secret_warning_id"
         ORDER BY n."created_at", n."id"
        ON CONFLICT ("workspace_id", "event_key") DO NOTHING
        RETURNING "id"
    LOOP
        PERFORM graphile_worker.add_job('webhook_deliver', json_build_object('deliveryId', v_delivery),
                                        job_key => 'webhook:' || v_delivery::text, max_attempts => 3);
    END LOOP;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "notifications_enqueue_webhook_deliveries"
    AFTER INSERT ON "notifications"
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION "notifications_enqueue_webhook_deliveries"();
