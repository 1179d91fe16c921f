-- Rollup counters get a shard column. On PostgreSQL each ingestion transaction adds its increments
-- to a shard no concurrent transaction holds (IngestionLocks), so that writers on several nodes
-- never wait for each other's rollup rows; results sum the shards of a cell, as they already sum
-- its days. SQLite has one writer and keeps every increment in shard 0. The tables are rebuilt
-- because a primary key cannot change in place on SQLite.
CREATE TABLE entry_rollup_sharded (
    test_id     BIGINT  NOT NULL,
    variant     INTEGER NOT NULL,
    entered_day INTEGER NOT NULL,
    shard       INTEGER NOT NULL DEFAULT 0,
    visitors    BIGINT  NOT NULL,
    PRIMARY KEY (test_id, variant, entered_day, shard)
) ${without_rowid};
INSERT INTO entry_rollup_sharded (test_id, variant, entered_day, shard, visitors)
SELECT test_id, variant, entered_day, 0, visitors FROM entry_rollup;
DROP TABLE entry_rollup;
ALTER TABLE entry_rollup_sharded RENAME TO entry_rollup;

CREATE TABLE conversion_rollup_sharded (
    test_id       BIGINT  NOT NULL,
    goal_id       BIGINT  NOT NULL,
    variant       INTEGER NOT NULL,
    entered_day   INTEGER NOT NULL,
    converted_day INTEGER NOT NULL,
    shard         INTEGER NOT NULL DEFAULT 0,
    converters    BIGINT  NOT NULL,
    PRIMARY KEY (test_id, goal_id, variant, entered_day, converted_day, shard)
) ${without_rowid};
INSERT INTO conversion_rollup_sharded (test_id, goal_id, variant, entered_day, converted_day, shard, converters)
SELECT test_id, goal_id, variant, entered_day, converted_day, 0, converters FROM conversion_rollup;
DROP TABLE conversion_rollup;
ALTER TABLE conversion_rollup_sharded RENAME TO conversion_rollup;
