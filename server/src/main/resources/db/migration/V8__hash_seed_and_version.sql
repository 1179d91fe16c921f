-- How an experiment hashes its visitors (docs/assignment.md). Experiments created before this migration
-- keep hash version 1, the first scheme, so that no running experiment reshuffles its visitors; every
-- insert writes hash_version explicitly, and new experiments get 2.
ALTER TABLE experiments ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE experiments ADD COLUMN hash_seed VARCHAR(100);
UPDATE experiments SET hash_seed = experiment_key;
