-- envflow's own inventory: the environments it provisioned, what they are made of, and who did what.

CREATE TABLE environments (
    id           TEXT PRIMARY KEY,
    app          TEXT        NOT NULL,
    environment  TEXT        NOT NULL,
    tier         TEXT        NOT NULL,
    spec         JSONB       NOT NULL,
    phase        TEXT        NOT NULL,
    requested_by TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (app, environment)
);

CREATE TABLE resources (
    id             BIGSERIAL PRIMARY KEY,
    environment_id TEXT        NOT NULL REFERENCES environments (id),
    kind           TEXT        NOT NULL,
    provider       TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    external_id    TEXT,
    location       TEXT,
    state          TEXT        NOT NULL CHECK (state IN ('LIVE', 'DELETED')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    deleted_at     TIMESTAMPTZ,
    UNIQUE (environment_id, kind, name),
    CHECK ((state = 'DELETED') = (deleted_at IS NOT NULL))
);

CREATE INDEX resources_live_by_environment ON resources (environment_id, created_at DESC, id DESC)
    WHERE state = 'LIVE';

-- No foreign key: the audit trail must outlive anything else and may record a request refused before
-- its environment was ever recorded.
CREATE TABLE audit_log (
    id             BIGSERIAL PRIMARY KEY,
    environment_id TEXT        NOT NULL,
    action         TEXT        NOT NULL,
    actor          TEXT,
    reason         TEXT,
    at             TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX audit_log_by_environment ON audit_log (environment_id, id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_refuses_changes
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER audit_log_refuses_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
