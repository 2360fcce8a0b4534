-- The Microsoft Graph API version each backup item's payload was read through (ADR 013). A payload
-- is a document of that version's metadata, so a restore writes it back through the same version:
-- classic Intune policies are captured through beta since this migration (scope tags included),
-- backups taken earlier hold v1.0 payloads and are restored through v1.0. Settings catalog
-- policies have always been read through beta.
ALTER TABLE "backup_items" ADD COLUMN "graph_version" TEXT;
UPDATE "backup_items" SET "graph_version" = CASE "policy_type" WHEN 'settingsCatalog' THEN 'beta' ELSE 'v1.0' END;
ALTER TABLE "backup_items" ALTER COLUMN "graph_version" SET NOT NULL;
ALTER TABLE "backup_items" ADD CONSTRAINT "backup_items_graph_version_check" CHECK ("graph_version" IN ('v1.0', 'beta'));
