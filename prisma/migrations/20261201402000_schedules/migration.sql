-- Recurring bulk starts (issue 14, ADR 019). The nightly inventory fan-out that lived in the
-- worker's crontab (WORKER_CRONTAB) becomes each workspace's default schedule: visible, editable,
-- pausable, and fired on the same path as an operator's bulk start.

-- The first instant strictly after p_after at which a daily (or weekly, on p_weekday) schedule at
-- wall-clock p_local_time in p_time_zone fires. Computed on local dates and converted back, so a
-- schedule keeps its wall-clock time across daylight-saving changes. The one definition of "next
-- firing": the API shows it and the tick advances by it.
CREATE FUNCTION "schedule_next_fire_at"(
    p_cadence text,
    p_weekday smallint,
    p_local_time time,
    p_time_zone text,
    p_after timestamptz
) RETURNS timestamptz
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    v_day date := (p_after AT TIME ZONE p_time_zone)::date;
    v_candidate timestamptz;
BEGIN
    FOR i IN 0..8 LOOP
        IF p_cadence = 'daily' OR extract(dow FROM v_day + i) = p_weekday THEN
            v_candidate := ((v_day + i) + p_local_time) AT TIME ZONE p_time_zone;
            IF v_candidate > p_after THEN
                RETURN v_candidate;
            END IF;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'no next firing for % % % %', p_cadence, p_weekday, p_local_time, p_time_zone;
END;
$$;

-- Every workspace has its default schedule: inventory.sync of every active tenant, daily at 02:00.
CREATE FUNCTION "workspaces_create_default_schedule"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO "schedules" ("workspace_id", "name", "operation", "selection", "cadence", "local_time", "next_fire_at", "is_default")
    VALUES (NEW."id", 'Nightly inventory sync', 'inventory.sync', '{"kind":"filter","filter":{"status":"active"}}'::jsonb, 'daily',
            '02:00', "schedule_next_fire_at"('daily', NULL, '02:00', NEW."time_zone", now()), true);
    RETURN NULL;
END;
$$;
CREATE TRIGGER "workspaces_default_schedule"
    AFTER INSERT ON "workspaces"
    FOR EACH ROW EXECUTE FUNCTION "workspaces_create_default_schedule"();

INSERT INTO "schedules" ("workspace_id", "name", "operation", "selection", "cadence", "local_time", "next_fire_at", "is_default")
SELECT w."id", 'Nightly inventory sync', 'inventory.sync', '{"kind":"filter","filter":{"status":"active"}}'::jsonb, 'daily',
       '02:00', "schedule_next_fire_at"('daily', NULL, '02:00', w."time_zone", now()), true
  FROM "workspaces" w;
