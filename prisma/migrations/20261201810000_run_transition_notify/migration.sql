-- Run transitions published by PostgreSQL (issue 13 item 5, ADR 028): every change of a run's
-- status or summary counts is announced on the channel "operation_run_transitions", in the same
-- transaction as the change (NOTIFY is delivered on commit, and not at all on rollback). Heartbeats
-- and diagnostics-only updates are not transitions and stay silent. An admission is not announced
-- either: whoever watches a run reads its current state first, and a bulk admission of thousands of
-- runs should not pay a notification each.
--
-- The payload is small and carries no secrets, nor anything of another tenant: ids, the status
-- and the three counts. Listeners (one per admin process) fan it out to subscribers that were
-- authorized for the run's tenant; a subscriber reads nothing else from it.
CREATE FUNCTION "announce_operation_run_transition"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(
    'operation_run_transitions',
    json_build_object(
      'run', NEW.id,
      'tenant', NEW.tenant_id,
      'workspace', (SELECT t.workspace_id FROM tenants t WHERE t.id = NEW.tenant_id),
      'status', NEW.status,
      'seen', NEW.items_seen,
      'changed', NEW.items_changed,
      'failed', NEW.items_failed
    )::text
  );
  RETURN NULL;
END;
$$;

CREATE TRIGGER "operation_runs_announce_transition"
  AFTER UPDATE OF "status", "items_seen", "items_changed", "items_failed" ON "operation_runs"
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
     OR OLD.items_seen IS DISTINCT FROM NEW.items_seen
     OR OLD.items_changed IS DISTINCT FROM NEW.items_changed
     OR OLD.items_failed IS DISTINCT FROM NEW.items_failed)
  EXECUTE FUNCTION "announce_operation_run_transition"();
