-- Sessions are stored by the SHA-256 (hex) of the id the browser holds, never the id itself, so a
-- read of this table (a backup, a replica, a log of a query) hands out no live session. This is
-- lucia's own guidance for leaving v3 behind (hash the client-held token, look sessions up by the
-- hash). Existing rows hold plain ids that no cookie can hash to: they simply end (ADR 016).
DELETE FROM "sessions";

ALTER TABLE "sessions" ADD CONSTRAINT "sessions_id_is_sha256_hex" CHECK ("id" ~ '^[0-9a-f]{64}$');
