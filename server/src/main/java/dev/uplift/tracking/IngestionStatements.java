package dev.uplift.tracking;

/**
 * The SQL of the ingestion transaction and of the look-ups beside it, one text for SQLite
 * and PostgreSQL. The writer ({@code JdbcIngestionRepository}) runs these statements, and
 * so does the benchmark's raw-rate baseline, which must time the very same ones
 * (docs/performance.md). Statements ending in {@code IN} take their list through
 * {@link #withMarkers}; {@code :name} parameters are named.
 */
public final class IngestionStatements {

	public static final String LOCK_PROJECT = "UPDATE projects SET write_seq = write_seq + 1 WHERE id = ?";

	// Read under the project's row lock: this transaction's place in the project's
	// writes.
	public static final String WRITE_SEQ = "SELECT write_seq FROM projects WHERE id = ?";

	/**
	 * Adds to the usage row of the project and shard and returns its bytes: the project's
	 * bytes on SQLite, where every write adds to shard 0.
	 */
	public static final String ADD_USAGE = """
			INSERT INTO project_usage (project_id, shard, events, bytes) VALUES (?, ?, ?, ?)
			ON CONFLICT (project_id, shard) DO UPDATE
			SET events = project_usage.events + excluded.events, bytes = project_usage.bytes + excluded.bytes
			RETURNING bytes
			""";

	public static final String DELETE_EVENTS = "DELETE FROM event_log WHERE project_id = ? AND event_id IN ";

	public static final String EXPERIMENTS = """
			SELECT e.id, e.project_id, e.status, e.deleted_at, e.next_ordinal,
			       (SELECT COUNT(*) FROM variants v WHERE v.test_id = e.id) AS variant_count,
			       (SELECT s.serving_variant FROM experiment_serving s WHERE s.test_id = e.id) AS serving_variant
			FROM experiments e
			WHERE e.id IN (:testIds)
			""";

	private static final String DEFAULT_GOAL_TARGETS = """
			FROM projects p JOIN goals g ON g.id = p.default_goal_id JOIN experiments e ON e.project_id = p.id
			LEFT JOIN experiment_serving s ON s.test_id = e.id
			WHERE p.id = :projectId AND g.status <> 2 AND e.status = 1 AND e.deleted_at IS NULL
			  AND NOT EXISTS (SELECT 1 FROM experiment_goals x WHERE x.test_id = e.id AND x.is_primary = 1)
			""";

	// Besides the goals attached to an experiment, the project's default primary goal
	// counts for each live experiment without a primary goal of its own: results fall
	// back to it (docs/api.md §2). With each, the instant a winner was first served, if
	// one was: orders from then on are also kept apart (docs/decisions.md#revenue).
	public static final String TARGETS_BY_GOAL_KEY = """
			SELECT g.goal_key AS match_name, eg.test_id, g.id AS goal_id, s.deployed_at
			FROM goals g JOIN experiment_goals eg ON eg.goal_id = g.id
			LEFT JOIN experiment_serving s ON s.test_id = eg.test_id
			WHERE g.project_id = :projectId AND g.status <> 2 AND g.goal_key IN (:names)
			UNION
			SELECT g.goal_key AS match_name, e.id AS test_id, g.id AS goal_id, s.deployed_at
			""" + DEFAULT_GOAL_TARGETS + " AND g.goal_key IN (:names)";

	public static final String TARGETS_BY_EVENT_NAME = """
			SELECT g.goal_value AS match_name, eg.test_id, g.id AS goal_id, s.deployed_at
			FROM goals g JOIN experiment_goals eg ON eg.goal_id = g.id
			LEFT JOIN experiment_serving s ON s.test_id = eg.test_id
			WHERE g.project_id = :projectId AND g.status <> 2 AND g.goal_type IN ('event', 'revenue', 'script')
			  AND g.goal_value IN (:names)
			UNION
			SELECT g.goal_value AS match_name, e.id AS test_id, g.id AS goal_id, s.deployed_at
			""" + DEFAULT_GOAL_TARGETS + """
			AND g.goal_type IN ('event', 'revenue', 'script') AND g.goal_value IN (:names)""";

	public static final String ASSIGNMENTS = """
			SELECT test_id, visitor_id, variant, entered_at, entered_day
			FROM assignments
			WHERE test_id = ? AND visitor_id IN\s""";

	public static final String CONVERSIONS = """
			SELECT visitor_id, variant, entered_day, first_converted_at, converted_day, count, revenue, orders,
			       excluded_orders, revenue_after_deploy_cents, orders_after_deploy, excluded_orders_after_deploy
			FROM conversions
			WHERE test_id = ? AND goal_id = ? AND visitor_id IN\s""";

	public static final String INSERT_EVENT = """
			INSERT INTO event_log (project_id, event_id, received_at, occurred_at, kind, body)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (project_id, event_id) DO NOTHING
			""";

	public static final String INSERT_ASSIGNMENT = """
			INSERT INTO assignments (test_id, visitor_id, project_id, ordinal, variant, entered_at, entered_day,
			                         device, browser, os, country, source, landing_page, utm_source, visitor_type,
			                         region, city)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (test_id, visitor_id) DO NOTHING
			""";

	public static final String RENUMBER_ASSIGNMENT = "UPDATE assignments SET ordinal = ? WHERE test_id = ? AND visitor_id = ?";

	public static final String UPSERT_CONVERSION = """
			INSERT INTO conversions (test_id, goal_id, visitor_id, variant, entered_day, first_converted_at,
			                         converted_day, count, revenue, orders, excluded_orders)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (test_id, goal_id, visitor_id) DO UPDATE
			SET first_converted_at = excluded.first_converted_at, converted_day = excluded.converted_day,
			    count = excluded.count, revenue = excluded.revenue, orders = excluded.orders,
			    excluded_orders = excluded.excluded_orders
			""";

	// Only for the visitors an order at or after the deploy reached: the upsert above
	// leaves these columns as they are.
	public static final String SET_ORDERS_AFTER_DEPLOY = """
			UPDATE conversions
			SET revenue_after_deploy_cents = ?, orders_after_deploy = ?, excluded_orders_after_deploy = ?
			WHERE test_id = ? AND goal_id = ? AND visitor_id = ?
			""";

	// A transaction adds to its rollup shard (IngestionLocks): always 0 on SQLite.
	public static final String ADD_ENTRIES = """
			INSERT INTO entry_rollup (test_id, variant, entered_day, shard, visitors) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (test_id, variant, entered_day, shard) DO UPDATE
			SET visitors = entry_rollup.visitors + excluded.visitors
			""";

	public static final String ADD_CONVERTERS = """
			INSERT INTO conversion_rollup (test_id, goal_id, variant, entered_day, converted_day, shard, converters,
			                               revenue_cents, orders, revenue_sq, excluded_orders)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (test_id, goal_id, variant, entered_day, converted_day, shard) DO UPDATE
			SET converters = conversion_rollup.converters + excluded.converters,
			    revenue_cents = conversion_rollup.revenue_cents + excluded.revenue_cents,
			    orders = conversion_rollup.orders + excluded.orders,
			    revenue_sq = conversion_rollup.revenue_sq + excluded.revenue_sq,
			    excluded_orders = conversion_rollup.excluded_orders + excluded.excluded_orders
			""";

	// Read once per batch and project that carries revenue.
	public static final String REPORTING_CURRENCY = "SELECT reporting_currency FROM projects WHERE id = ?";

	public static final String CURRENCY_RATES = "SELECT currency, rate FROM currency_rates WHERE project_id = ?";

	public static final String STORED_VARIANT = """
			SELECT variant FROM assignments WHERE test_id = :testId AND visitor_id = :visitorId
			""";

	// By the primary key (test_id, visitor_id), once per experiment of the project.
	public static final String FIRST_ENTRY = """
			SELECT MIN(entered_at) FROM assignments
			WHERE visitor_id = :visitorId AND test_id IN (SELECT id FROM experiments WHERE project_id = :projectId)
			""";

	public static final String SET_NEXT_ORDINAL = "UPDATE experiments SET next_ordinal = ? WHERE id = ?";

	private IngestionStatements() {
	}

	/**
	 * The statement with its {@code IN} list of {@code count} markers ({@code count} > 0)
	 * appended.
	 */
	public static String withMarkers(String prefix, int count) {
		return prefix + "(" + "?, ".repeat(count - 1) + "?)";
	}

}
