-- The transaction that last wrote each entry and conversion, on PostgreSQL: its id
-- (pg_current_xact_id(), a 64-bit id that never wraps) as the row was inserted or updated.
-- A node's segment index, exact as of one database snapshot, catches up to a newer one by
-- reading the rows whose writer's id is at least the older snapshot's xmin: every
-- transaction the older snapshot did not see is among them, whichever node ran it
-- (docs/architecture.md, segment index). Rows written before this column existed, and every
-- row on SQLite, whose single writer tells the index itself, keep NULL and stay out of the
-- partial indexes, which then cost SQLite's writer nothing.
ALTER TABLE assignments ADD COLUMN changed_xid BIGINT;
ALTER TABLE conversions ADD COLUMN changed_xid BIGINT;
CREATE INDEX assignments_changed ON assignments (test_id, changed_xid) WHERE changed_xid IS NOT NULL;
CREATE INDEX conversions_changed ON conversions (test_id, changed_xid) WHERE changed_xid IS NOT NULL;
