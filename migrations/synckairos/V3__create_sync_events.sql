-- What happened to each session, in order. Append-only: rows are never changed or removed.
CREATE TABLE sync_events (
    event_id       BIGINT      GENERATED ALWAYS AS IDENTITY,
    session_id     TEXT        NOT NULL,
    event_type     TEXT        NOT NULL,
    participant_id TEXT,
    payload        JSONB       NOT NULL DEFAULT '{}'::jsonb,
    occurred_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    recorded_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT sync_events_pk PRIMARY KEY (event_id),
    CONSTRAINT sync_events_session_fk FOREIGN KEY (session_id) REFERENCES sync_sessions (session_id),
    CONSTRAINT sync_events_event_type_format CHECK (event_type ~ '^[a-z][a-z_]{0,62}$'),
    CONSTRAINT sync_events_payload_is_object CHECK (jsonb_typeof(payload) = 'object')
);

CREATE INDEX sync_events_session_idx ON sync_events (session_id, event_id);
CREATE INDEX sync_events_occurred_at_idx ON sync_events (occurred_at);

CREATE FUNCTION sync_events_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'sync_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER sync_events_no_update_or_delete
    BEFORE UPDATE OR DELETE ON sync_events
    FOR EACH ROW EXECUTE FUNCTION sync_events_refuse_change();

CREATE TRIGGER sync_events_no_truncate
    BEFORE TRUNCATE ON sync_events
    FOR EACH STATEMENT EXECUTE FUNCTION sync_events_refuse_change();
