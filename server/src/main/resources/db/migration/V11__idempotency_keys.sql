-- Create Experiment's idempotency keys (docs/api-compatibility.md): the first answer to a key, replayed for
-- 24 hours to a retry with the same body. The primary key makes concurrent retries on any node meet: the
-- second insert waits for the first transaction and then finds its row.
CREATE TABLE idempotency_keys (
    project_id      BIGINT       NOT NULL REFERENCES projects (id),
    idempotency_key VARCHAR(200) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    response        TEXT,
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (project_id, idempotency_key)
);
