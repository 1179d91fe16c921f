-- Ingestion now reads a visitor's entries by the primary key (test_id, visitor_id) of the
-- experiments their events name or reach, so the index by (project_id, visitor_id) only cost a
-- random page write per new visitor (docs/performance.md).
DROP INDEX assignments_visitor;
