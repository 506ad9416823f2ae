-- The credentials envflow creates, shared by every worker: AES-256-GCM under ENVFLOW_SECRET_KEYS, never
-- plaintext. ciphertext is the 12-byte IV followed by the ciphertext and tag; the secret's name is the
-- authenticated data, so a value moved to another row no longer decrypts.
CREATE TABLE secrets (
    name       TEXT PRIMARY KEY,
    key_id     TEXT        NOT NULL,
    ciphertext BYTEA       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
