-- Onboarding that can always be resumed or started again (issue 17, ADR 024).

-- When a tenant first became active (onboarding's first sync was accepted, or it was created
-- active). A tenant that was never active can be onboarded again under its short name after its
-- onboarding was discarded, and unarchiving it leads back to onboarding rather than to an active
-- tenant nobody verified. The trigger keeps it for every writer (the wizard, the seed, the API).
ALTER TABLE "tenants" ADD COLUMN "onboarded_at" TIMESTAMPTZ(3);

-- Existing tenants: active ones were onboarded; archived ones too, unless their onboarding was
-- discarded before it ever activated them (the audit log says so).
UPDATE "tenants" t
   SET "onboarded_at" = t."created_at"
 WHERE t."status" = 'active'
    OR (t."status" = 'archived'
        AND NOT (EXISTS (SELECT 1 FROM "audit_log" a WHERE a."tenant_id" = t."id" AND a."action" = 'onboarding.cancelled')
                 AND NOT EXISTS (SELECT 1 FROM "audit_log" a WHERE a."tenant_id" = t."id" AND a."action" = 'onboarding.tenant_activated')));

CREATE FUNCTION "tenants_mark_onboarded"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW."status" = 'active' AND NEW."onboarded_at" IS NULL THEN
        NEW."onboarded_at" := now();
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER "tenants_mark_onboarded"
    BEFORE INSERT OR UPDATE OF "status" ON "tenants"
    FOR EACH ROW EXECUTE FUNCTION "tenants_mark_onboarded"();

-- Drafts are created by their first save now: the empty ones that merely opening the wizard
-- left behind (no tenant yet) are closed.
UPDATE "onboarding_drafts" SET "status" = 'cancelled', "updated_at" = now()
 WHERE "status" = 'open' AND "tenant_id" IS NULL;

-- At most one open onboarding per tenant: resuming twice at once, or from two tabs, finds the same
-- draft. Older duplicates (none should exist) are closed first, the most recently updated kept.
UPDATE "onboarding_drafts" d SET "status" = 'cancelled', "updated_at" = now()
 WHERE d."status" = 'open' AND d."tenant_id" IS NOT NULL
   AND EXISTS (SELECT 1 FROM "onboarding_drafts" o
                WHERE o."tenant_id" = d."tenant_id" AND o."status" = 'open'
                  AND (o."updated_at", o."id") > (d."updated_at", d."id"));
CREATE UNIQUE INDEX "onboarding_drafts_one_open_per_tenant" ON "onboarding_drafts"("tenant_id") WHERE "status" = 'open';
