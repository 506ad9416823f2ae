-- API tokens: one per user, stored only as the SHA-256 of the token (shown once when created).
CREATE TABLE api_tokens (
    user_name   TEXT PRIMARY KEY,
    token_hash  TEXT        NOT NULL UNIQUE,
    roles       TEXT[]      NOT NULL,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
