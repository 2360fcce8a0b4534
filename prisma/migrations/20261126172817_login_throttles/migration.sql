-- Failed-login throttling (packages/auth login.ts): one fixed-window counter per subject, where a
-- subject is an email address or a client network (IPv4 address / IPv6 /64). The counter is
-- reserved with INSERT … ON CONFLICT … DO UPDATE … WHERE attempts < limit RETURNING, so concurrent
-- attempts are counted exactly and never exceed the limit. Subjects are stored as sha-256 hashes:
-- the table must not become a list of addresses that people tried to log in with.

CREATE TABLE "login_throttles" (
    "scope" TEXT NOT NULL,
    "subject_hash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("scope", "subject_hash"),
    CONSTRAINT "login_throttles_scope_check" CHECK ("scope" IN ('email', 'ip')),
    CONSTRAINT "login_throttles_attempts_check" CHECK ("attempts" >= 0),
    CONSTRAINT "login_throttles_subject_hash_check" CHECK ("subject_hash" ~ '^[0-9a-f]{64}$')
);
-- Housekeeping deletes windows that ended long ago.
CREATE INDEX "login_throttles_window_started_at_idx" ON "login_throttles"("window_started_at");
