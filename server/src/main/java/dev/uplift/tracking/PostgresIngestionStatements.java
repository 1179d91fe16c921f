package dev.uplift.tracking;

/**
 * The SQL that only PostgreSQL's writer runs: its locks, its ordinal blocks, and its
 * set-based statements, one per table and batch. The scale-out measurement's raw-rate run
 * sends the very same texts (docs/scaling.md).
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

	/**
	 * The writing transaction's id, as stored in {@code changed_xid} of the entries and
	 * conversions it writes (V27): a segment index catches up from it (docs/scaling.md).
	 */
	public static final String CHANGED_XID = "pg_current_xact_id()::text::bigint";

	// The statements below take one array per column and write or read a whole batch in
	// one round trip; their text does not depend on the batch's size, so the driver
	// prepares each once per connection and reuses it.

	/** Appends the events; returns the ids it stored (those not logged before). */
	public static final String INSERT_EVENTS = """
			INSERT INTO event_log (project_id, event_id, received_at, occurred_at, kind, body)
			SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[])
			ON CONFLICT (project_id, event_id) DO NOTHING
			RETURNING event_id
			""";

	/**
	 * Adds to the usage row of the project and this transaction's shard, and returns the
	 * project's bytes: that row's after the addition plus the other shards' as committed.
	 */
	public static final String ADD_USAGE = """
			WITH added AS (
			    INSERT INTO project_usage (project_id, shard, events, bytes) VALUES (?, ?, ?, ?)
			    ON CONFLICT (project_id, shard) DO UPDATE
			    SET events = project_usage.events + excluded.events, bytes = project_usage.bytes + excluded.bytes
			    RETURNING bytes)
			SELECT (SELECT bytes FROM added)
			       + COALESCE((SELECT SUM(bytes) FROM project_usage WHERE project_id = ? AND shard <> ?), 0)
			""";

	public static final String DELETE_EVENTS = "DELETE FROM event_log WHERE project_id = ? AND event_id = ANY (?::text[])";

	// The look-ups below find each visitor by its key, one index probe per visitor, as
	// a LIMIT 1 per key. With "visitor_id = ANY (?)" the planner prices the probes as
	// random reads against one scan of the experiment's rows, and takes the scan while
	// the experiment has fewer than about a hundred entries per visitor looked up
	// (100,000 for a transaction of 1,000 visitors): on cached pages each such scan is
	// ten times slower than the probes, and a new experiment spends its first minutes
	// there (docs/scaling.md). A look-up of one row by its key is a probe at any size.

	/** Parameters: the visitors (text[]), the experiment. */
	public static final String ASSIGNMENTS = """
			SELECT a.test_id, a.visitor_id, a.variant, a.entered_at, a.entered_day
			FROM unnest(?::text[]) AS k (visitor_id)
			CROSS JOIN LATERAL (SELECT * FROM assignments
			                    WHERE test_id = ? AND visitor_id = k.visitor_id LIMIT 1) a
			""";

	/** Parameters: the visitors (text[]), the experiment, the goal. */
	public static final String CONVERSIONS = """
			SELECT c.visitor_id, c.variant, c.entered_day, c.first_converted_at, c.converted_day, c.count, c.revenue,
			       c.orders, c.excluded_orders, c.revenue_after_deploy_cents, c.orders_after_deploy,
			       c.excluded_orders_after_deploy
			FROM unnest(?::text[]) AS k (visitor_id)
			CROSS JOIN LATERAL (SELECT * FROM conversions
			                    WHERE test_id = ? AND goal_id = ? AND visitor_id = k.visitor_id LIMIT 1) c
			""";

	/**
	 * Inserts entries, each marked with this transaction's id for the segment indexes of
	 * every node ({@link #CHANGED_XID}); returns the visitors it stored (those who had
	 * not entered).
	 */
	public static final String INSERT_ASSIGNMENTS = """
			INSERT INTO assignments (test_id, visitor_id, project_id, ordinal, variant, entered_at, entered_day,
			                         device, browser, os, country, source, landing_page, utm_source, visitor_type,
			                         region, city, changed_xid)
			SELECT *, %s FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::int[], ?::bigint[], ?::int[],
			                     ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			                     ?::text[], ?::text[])
			ON CONFLICT (test_id, visitor_id) DO NOTHING
			RETURNING test_id, visitor_id
			""".formatted(CHANGED_XID);

	public static final String RENUMBER_ASSIGNMENTS = """
			UPDATE assignments a SET ordinal = u.ordinal
			FROM unnest(?::bigint[], ?::bigint[], ?::text[]) AS u (ordinal, test_id, visitor_id)
			WHERE a.test_id = u.test_id AND a.visitor_id = u.visitor_id
			""";

	/** Inserts or updates conversions, each marked like the entries. */
	public static final String UPSERT_CONVERSIONS = """
			INSERT INTO conversions (test_id, goal_id, visitor_id, variant, entered_day, first_converted_at,
			                         converted_day, count, revenue, orders, excluded_orders, changed_xid)
			SELECT *, %s FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::int[], ?::int[], ?::bigint[], ?::int[],
			                     ?::bigint[], ?::float8[], ?::bigint[], ?::bigint[])
			ON CONFLICT (test_id, goal_id, visitor_id) DO UPDATE
			SET first_converted_at = excluded.first_converted_at, converted_day = excluded.converted_day,
			    count = excluded.count, revenue = excluded.revenue, orders = excluded.orders,
			    excluded_orders = excluded.excluded_orders, changed_xid = excluded.changed_xid
			""".formatted(CHANGED_XID);

	// Rollup rows in key order: transactions that share a shard (more writers than
	// shards) then lock the rows they share in the same order.
	public static final String ADD_ENTRIES = """
			INSERT INTO entry_rollup (test_id, variant, entered_day, shard, visitors)
			SELECT * FROM unnest(?::bigint[], ?::int[], ?::int[], ?::int[], ?::bigint[]) AS r (t, v, d, s, n)
			ORDER BY t, v, d
			ON CONFLICT (test_id, variant, entered_day, shard) DO UPDATE
			SET visitors = entry_rollup.visitors + excluded.visitors
			""";

	public static final String ADD_CONVERTERS = """
			INSERT INTO conversion_rollup (test_id, goal_id, variant, entered_day, converted_day, shard, converters,
			                               revenue_cents, orders, revenue_sq, excluded_orders)
			SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::int[], ?::int[], ?::int[], ?::int[], ?::bigint[],
			                     ?::bigint[], ?::bigint[], ?::float8[], ?::bigint[])
			    AS r (t, g, v, e, c, s, n, rc, o, sq, x)
			ORDER BY t, g, v, e, c
			ON CONFLICT (test_id, goal_id, variant, entered_day, converted_day, shard) DO UPDATE
			SET converters = conversion_rollup.converters + excluded.converters,
			    revenue_cents = conversion_rollup.revenue_cents + excluded.revenue_cents,
			    orders = conversion_rollup.orders + excluded.orders,
			    revenue_sq = conversion_rollup.revenue_sq + excluded.revenue_sq,
			    excluded_orders = conversion_rollup.excluded_orders + excluded.excluded_orders
			""";

	/**
	 * The array types of the columns of each statement above that takes rows, in order.
	 */
	public static final String[] EVENT_COLUMNS = { "int8", "text", "int8", "int8", "text", "text" };

	public static final String[] ASSIGNMENT_COLUMNS = { "int8", "text", "int8", "int8", "int4", "int8", "int4", "text",
			"text", "text", "text", "text", "text", "text", "text", "text", "text" };

	public static final String[] RENUMBER_COLUMNS = { "int8", "int8", "text" };

	public static final String[] CONVERSION_COLUMNS = { "int8", "int8", "text", "int4", "int4", "int8", "int4", "int8",
			"float8", "int8", "int8" };

	public static final String[] ENTRY_ROLLUP_COLUMNS = { "int8", "int4", "int4", "int4", "int8" };

	public static final String[] CONVERTER_ROLLUP_COLUMNS = { "int8", "int8", "int4", "int4", "int4", "int4", "int8",
			"int8", "int8", "float8", "int8" };

	private PostgresIngestionStatements() {
	}

}
