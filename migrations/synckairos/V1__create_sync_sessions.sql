-- A synchronised timer session: one row per session, updated as the session moves through its life.
CREATE TABLE sync_sessions (
    session_id            TEXT        NOT NULL,
    sync_mode             TEXT        NOT NULL,
    status                TEXT        NOT NULL DEFAULT 'pending',
    time_per_cycle_ms     INTEGER,
    increment_ms          INTEGER     NOT NULL DEFAULT 0,
    max_time_ms           INTEGER,
    active_participant_id TEXT,
    cycle_started_at      TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at            TIMESTAMPTZ,
    completed_at          TIMESTAMPTZ,
    last_updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    version               INTEGER     NOT NULL DEFAULT 0,
    CONSTRAINT sync_sessions_pk PRIMARY KEY (session_id),
    CONSTRAINT sync_sessions_session_id_length CHECK (char_length(session_id) BETWEEN 1 AND 128),
    CONSTRAINT sync_sessions_sync_mode_known
        CHECK (sync_mode IN ('per_participant', 'per_cycle', 'per_group', 'global', 'count_up')),
    CONSTRAINT sync_sessions_status_known
        CHECK (status IN ('pending', 'running', 'paused', 'expired', 'completed', 'cancelled')),
    CONSTRAINT sync_sessions_time_per_cycle_positive CHECK (time_per_cycle_ms IS NULL OR time_per_cycle_ms > 0),
    CONSTRAINT sync_sessions_increment_not_negative CHECK (increment_ms >= 0),
    CONSTRAINT sync_sessions_max_time_positive CHECK (max_time_ms IS NULL OR max_time_ms > 0),
    CONSTRAINT sync_sessions_version_not_negative CHECK (version >= 0),
    CONSTRAINT sync_sessions_updated_after_created CHECK (last_updated_at >= created_at),
    CONSTRAINT sync_sessions_started_after_created CHECK (started_at IS NULL OR started_at >= created_at),
    CONSTRAINT sync_sessions_completed_after_started
        CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at),
    CONSTRAINT sync_sessions_running_has_cycle_start CHECK (status <> 'running' OR cycle_started_at IS NOT NULL),
    CONSTRAINT sync_sessions_finished_has_completion
        CHECK (status NOT IN ('expired', 'completed', 'cancelled') OR completed_at IS NOT NULL)
);

-- Live sessions are what the service scans on restart; finished ones are only read by id.
CREATE INDEX sync_sessions_live_idx ON sync_sessions (last_updated_at) WHERE status IN ('running', 'paused');
CREATE INDEX sync_sessions_created_at_idx ON sync_sessions (created_at);
