-- The event log as an append-only table with a separate unique index on (project_id, event_id).
-- As a WITHOUT ROWID table keyed by the random event ids, every insert landed on a random page
-- holding ten or so whole event bodies: each batch dirtied (and wrote to the WAL) about one page per
-- event, and page splits moved the bodies around. Now the bodies append to the table's last pages
-- and only the small index entries land at random (docs/performance.md). Same columns, same
-- uniqueness, so INSERT ... ON CONFLICT (project_id, event_id) DO NOTHING is unchanged; on
-- PostgreSQL the table was a heap already and this only copies it.

CREATE TABLE event_log_v4 (
    project_id  BIGINT        NOT NULL,
    event_id    VARCHAR(64)   NOT NULL,
    received_at BIGINT        NOT NULL,
    occurred_at BIGINT        NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    body        TEXT          NOT NULL
);

INSERT INTO event_log_v4 (project_id, event_id, received_at, occurred_at, kind, body)
SELECT project_id, event_id, received_at, occurred_at, kind, body FROM event_log;

DROP TABLE event_log;

ALTER TABLE event_log_v4 RENAME TO event_log;

CREATE UNIQUE INDEX event_log_event ON event_log (project_id, event_id);
