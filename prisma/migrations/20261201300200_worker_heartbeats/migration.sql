-- Every worker process reports that it is alive, independently of whether it runs anything, so
-- that readiness (/healthz, /readyz) and the metrics can say "no worker has been seen for N
-- seconds" — runs' own heartbeats only exist while something runs (ADR 015). One row per process
-- (host:pid), upserted every WORKER_HEARTBEAT_INTERVAL_MS, removed on an orderly stop; rows of
-- processes that died are removed by housekeeping after a day.
CREATE TABLE "worker_heartbeats" (
    "worker_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "beat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("worker_id")
);

CREATE INDEX "worker_heartbeats_beat_at_idx" ON "worker_heartbeats"("beat_at");
