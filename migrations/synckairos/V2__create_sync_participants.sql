-- The participants of a session, each with their own clock.
CREATE TABLE sync_participants (
    session_id        TEXT        NOT NULL,
    participant_id    TEXT        NOT NULL,
    participant_index INTEGER     NOT NULL,
    total_time_ms     BIGINT      NOT NULL,
    time_remaining_ms BIGINT      NOT NULL,
    time_used_ms      BIGINT      NOT NULL DEFAULT 0,
    cycle_count       INTEGER     NOT NULL DEFAULT 0,
    has_expired       BOOLEAN     NOT NULL DEFAULT false,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT sync_participants_pk PRIMARY KEY (session_id, participant_id),
    CONSTRAINT sync_participants_session_fk
        FOREIGN KEY (session_id) REFERENCES sync_sessions (session_id) ON DELETE CASCADE,
    CONSTRAINT sync_participants_index_unique UNIQUE (session_id, participant_index),
    CONSTRAINT sync_participants_participant_id_length CHECK (char_length(participant_id) BETWEEN 1 AND 128),
    CONSTRAINT sync_participants_index_not_negative CHECK (participant_index >= 0),
    CONSTRAINT sync_participants_total_time_positive CHECK (total_time_ms > 0),
    CONSTRAINT sync_participants_remaining_not_negative CHECK (time_remaining_ms >= 0),
    CONSTRAINT sync_participants_used_not_negative CHECK (time_used_ms >= 0),
    CONSTRAINT sync_participants_cycle_count_not_negative CHECK (cycle_count >= 0),
    CONSTRAINT sync_participants_expired_has_no_time CHECK (NOT has_expired OR time_remaining_ms = 0),
    CONSTRAINT sync_participants_updated_after_created CHECK (last_updated_at >= created_at)
);

-- The active participant of a session must be one of its participants. Deferred, so that a session and its
-- participants can be written in one transaction in any order.
ALTER TABLE sync_sessions
    ADD CONSTRAINT sync_sessions_active_participant_fk
        FOREIGN KEY (session_id, active_participant_id)
        REFERENCES sync_participants (session_id, participant_id)
        DEFERRABLE INITIALLY DEFERRED;
