-- The provider connections list across every tenant the caller sees (and the tenants list across all
-- of their workspaces) pages tenants by (display_name, id) with no workspace to lead the index:
-- walked in this order from the cursor, each tenant checked against the caller's memberships, instead
-- of reading and sorting every tenant the caller sees for each page (ADR 035).
CREATE INDEX "tenants_display_name_id_idx" ON "tenants"("display_name", "id");
