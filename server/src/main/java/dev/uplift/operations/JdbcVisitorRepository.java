package dev.uplift.operations;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One visitor's rows in the per-visitor tables, the rollups and the event log (the
 * tracking feature's tables), read and removed by primary key wherever one reaches them.
 * A rollup cell has a row per writer shard (docs/scaling.md): a visitor is uncounted from
 * one of its rows that still counts someone, as results sum them.
 */
@Repository
class JdbcVisitorRepository {

	private static final String EXPERIMENTS = "SELECT id FROM experiments WHERE project_id = :projectId";

	private static final String ENTRY = """
			SELECT variant, entered_day FROM assignments WHERE test_id = :testId AND visitor_id = :visitorId
			""";

	private static final String CONVERTED_GOALS = "SELECT DISTINCT goal_id FROM conversion_rollup WHERE test_id = :testId";

	private static final String CONVERSION = """
			SELECT variant, entered_day, converted_day, ROUND(revenue * 100) AS cents, orders, excluded_orders
			FROM conversions
			WHERE test_id = :testId AND goal_id = :goalId AND visitor_id = :visitorId
			""";

	private static final String UNCOUNT_ENTRY = """
			UPDATE entry_rollup SET visitors = visitors - 1
			WHERE test_id = :testId AND variant = :variant AND entered_day = :enteredDay
			AND shard = (SELECT min(shard) FROM entry_rollup
			             WHERE test_id = :testId AND variant = :variant AND entered_day = :enteredDay
			             AND visitors > 0)
			""";

	private static final String UNCOUNT_CONVERTER = """
			UPDATE conversion_rollup
			SET converters = converters - 1, revenue_cents = revenue_cents - :cents, orders = orders - :orders,
			    revenue_sq = revenue_sq - CAST(:cents AS DOUBLE PRECISION) * :cents, excluded_orders = excluded_orders - :excludedOrders
			WHERE test_id = :testId AND goal_id = :goalId AND variant = :variant AND entered_day = :enteredDay
			AND converted_day = :convertedDay
			AND shard = (SELECT min(shard) FROM conversion_rollup
			             WHERE test_id = :testId AND goal_id = :goalId AND variant = :variant
			             AND entered_day = :enteredDay AND converted_day = :convertedDay AND converters > 0)
			""";

	private static final String DELETE_CONVERSIONS = "DELETE FROM conversions WHERE test_id = :testId AND visitor_id = :visitorId";

	private static final String DELETE_ENTRY = "DELETE FROM assignments WHERE test_id = :testId AND visitor_id = :visitorId";

	/**
	 * The project's logged events whose text holds the pattern; the caller reads each
	 * body to decide.
	 */
	private static final String EVENTS_LIKE = """
			SELECT event_id, body FROM event_log WHERE project_id = :projectId AND body LIKE :pattern ESCAPE '!'
			""";

	private static final String DELETE_EVENT = "DELETE FROM event_log WHERE project_id = :projectId AND event_id = :eventId "
			+ LogUsage.DELETED_BYTES;

	private static final String DELETE_IDENTITIES = """
			DELETE FROM visitor_identities WHERE project_id = :projectId AND visitor_id = :visitorId
			""";

	private final JdbcClient jdbc;

	JdbcVisitorRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Long> experiments(long projectId) {
		return this.jdbc.sql(EXPERIMENTS).param("projectId", projectId).query(Long.class).list();
	}

	/** Removes the visitor's entry into the experiment and uncounts it; false if none. */
	boolean deleteEntry(long testId, String visitorId) {
		List<int[]> entries = this.jdbc.sql(ENTRY)
			.param("testId", testId)
			.param("visitorId", visitorId)
			.query((rs, row) -> new int[] { rs.getInt("variant"), rs.getInt("entered_day") })
			.list();
		for (int[] entry : entries) {
			this.jdbc.sql(UNCOUNT_ENTRY)
				.param("testId", testId)
				.param("variant", entry[0])
				.param("enteredDay", entry[1])
				.update();
		}
		this.jdbc.sql(DELETE_ENTRY).param("testId", testId).param("visitorId", visitorId).update();
		return !entries.isEmpty();
	}

	/**
	 * Removes the visitor's conversions in the experiment and uncounts them; returns how
	 * many goals they had converted on.
	 */
	int deleteConversions(long testId, String visitorId) {
		int goals = 0;
		for (long goalId : this.jdbc.sql(CONVERTED_GOALS).param("testId", testId).query(Long.class).list()) {
			List<long[]> conversions = this.jdbc.sql(CONVERSION)
				.param("testId", testId)
				.param("goalId", goalId)
				.param("visitorId", visitorId)
				.query((rs,
						row) -> new long[] { rs.getInt("variant"), rs.getInt("entered_day"), rs.getInt("converted_day"),
								Math.round(rs.getDouble("cents")), rs.getLong("orders"),
								rs.getLong("excluded_orders") })
				.list();
			for (long[] conversion : conversions) {
				// The visitor's revenue leaves the cell with them; its shards' sum is
				// what counts.
				this.jdbc.sql(UNCOUNT_CONVERTER)
					.param("testId", testId)
					.param("goalId", goalId)
					.param("variant", conversion[0])
					.param("enteredDay", conversion[1])
					.param("convertedDay", conversion[2])
					.param("cents", conversion[3])
					.param("orders", conversion[4])
					.param("excludedOrders", conversion[5])
					.update();
				goals++;
			}
		}
		this.jdbc.sql(DELETE_CONVERSIONS).param("testId", testId).param("visitorId", visitorId).update();
		return goals;
	}

	/**
	 * The project's logged events whose text contains {@code text}, as (event id, body).
	 */
	List<String[]> eventsContaining(long projectId, String text) {
		String pattern = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
		return this.jdbc.sql(EVENTS_LIKE)
			.param("projectId", projectId)
			.param("pattern", pattern)
			.query((rs, row) -> new String[] { rs.getString("event_id"), rs.getString("body") })
			.list();
	}

	/** Removes the links of the visitor's user ids and e-mails; returns how many. */
	int deleteIdentities(long projectId, String visitorId) {
		return this.jdbc.sql(DELETE_IDENTITIES).param("projectId", projectId).param("visitorId", visitorId).update();
	}

	/**
	 * Deletes the events from the log, and from the project's storage usage; returns how
	 * many were there.
	 */
	int deleteEvents(long projectId, List<String> eventIds) {
		int events = 0;
		long bytes = 0;
		for (String eventId : eventIds) {
			List<Long> deleted = this.jdbc.sql(DELETE_EVENT)
				.param("projectId", projectId)
				.param("eventId", eventId)
				.query(Long.class)
				.list();
			events += deleted.size();
			bytes += deleted.stream().mapToLong(Long::longValue).sum();
		}
		LogUsage.release(this.jdbc, projectId, events, bytes);
		return events;
	}

}
