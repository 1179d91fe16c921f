-- Ordinals stay dense and unique by construction: the writer hands them out under the project's
-- row lock and closes up behind an entry it did not insert (BatchState.settleEntries;
-- MultiNodeTests and CollectTests check 0..n-1 without gaps). The unique index that guarded them
-- cost every new visitor one more B-tree insert, about a quarter of the entry's insert
-- (docs/performance.md); nothing reads by ordinal.
DROP INDEX assignments_ordinal;
