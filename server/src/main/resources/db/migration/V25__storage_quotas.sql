-- Per-project storage quotas (docs/operations.md, storage quotas). storage_quota_bytes is the
-- project's own quota on the bytes of events its log keeps: NULL takes the server's default, 0 means
-- no quota.
ALTER TABLE projects ADD COLUMN storage_quota_bytes BIGINT;

-- What each project's event log keeps: events and the UTF-8 bytes of their bodies, maintained by the
-- ingestion transaction and by every deletion from the log. A project's usage is the sum of its
-- rows: on PostgreSQL each concurrent writer adds to the row of its rollup shard, so that writers of
-- one project do not wait for each other's row lock (docs/scaling.md).
CREATE TABLE project_usage (
    project_id BIGINT  NOT NULL,
    shard      INTEGER NOT NULL,
    events     BIGINT  NOT NULL,
    bytes      BIGINT  NOT NULL,
    PRIMARY KEY (project_id, shard)
) ${without_rowid};

INSERT INTO project_usage (project_id, shard, events, bytes)
SELECT project_id, 0, COUNT(*), COALESCE(SUM(octet_length(body)), 0) FROM event_log GROUP BY project_id;
