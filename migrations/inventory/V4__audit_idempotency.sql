-- An audit entry written by a workflow carries the key of the activity that wrote it (workflow id, run id and
-- activity id, the same for every attempt of one activity): a retry after a commit whose answer was lost adds
-- no second row. Entries written outside an activity (the API, the sweep) and those written before this
-- migration have no key; NULLs never conflict.
ALTER TABLE audit_log ADD COLUMN idempotency_key TEXT;

CREATE UNIQUE INDEX audit_log_idempotency_key ON audit_log (idempotency_key);
