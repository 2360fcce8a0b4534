-- Whether a batch still has a run to wait for is one index probe. Every run that ends asks it of its
-- batch (the batch's notification is written when the last one ends); counting all of a batch's
-- rows each time made draining a batch of N tenants cost N² row reads and serialised its runs' ends
-- on the batch row lock for the length of a count. Runs of no batch (single starts) are not in it.
CREATE INDEX "operation_runs_active_by_batch" ON "operation_runs" ("batch_id")
  WHERE "batch_id" IS NOT NULL AND "status" IN ('queued', 'running');

-- The other half of the question: the runs a batch's deduped rows wait for (batch_items keeps no
-- accepted rows since ADR 036, but older batches may), without reading its blocked rows.
CREATE INDEX "batch_items_waiting_by_batch" ON "batch_items" ("batch_id", "run_id")
  WHERE "outcome" IN ('accepted', 'deduped');
