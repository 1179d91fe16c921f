package dev.uplift.tracking;

/**
 * The SQL that only PostgreSQL's writer runs: its locks and its ordinal blocks. The
 * scale-out measurement's raw-rate run sends the very same texts (docs/scaling.md).
 */
public final class PostgresIngestionStatements {

	/**
	 * Rollup shards a transaction can hold; with more concurrent writers than this, some
	 * share one and wait for each other's rollup rows.
	 */
	public static final int ROLLUP_SHARDS = 64;

	/**
	 * First key of the advisory locks of the rollup shards (two-integer form, a key space
	 * apart from the one-bigint keys of projects and visitors).
	 */
	public static final int SHARD_LOCK_SPACE = 0x55504c46;

	/**
	 * Three rows: the project locks taken shared (bigint[]), then the project and visitor
	 * locks taken exclusively (bigint[], ascending, so that two transactions never wait
	 * for each other in opposite orders), each until commit; then the first rollup shard
	 * no other transaction holds, taken until commit, or -1. Each part runs in array
	 * order.
	 */
	public static final String LOCK = """
			SELECT count(pg_advisory_xact_lock_shared(k)) FROM unnest(?::bigint[]) k
			UNION ALL
			SELECT count(pg_advisory_xact_lock(k)) FROM unnest(?::bigint[]) k
			UNION ALL
			SELECT coalesce((SELECT s FROM generate_series(0, %d) s
			                 WHERE pg_try_advisory_xact_lock(%d, s) LIMIT 1), -1)
			""".formatted(ROLLUP_SHARDS - 1, SHARD_LOCK_SPACE);

	/**
	 * Takes the next block of an experiment's ordinals in a transaction of its own;
	 * returns its end.
	 */
	public static final String ALLOCATE_ORDINALS = """
			UPDATE experiments SET next_ordinal = next_ordinal + ? WHERE id = ? RETURNING next_ordinal
			""";

	private PostgresIngestionStatements() {
	}

}
