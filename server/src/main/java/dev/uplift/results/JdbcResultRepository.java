package dev.uplift.results;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Visitors and converters per variant, from the rollups or by scanning the per-visitor
 * rows.
 */
@Repository
class JdbcResultRepository {

	private static final String ROLLUP_VISITORS = """
			SELECT variant, SUM(visitors) AS n
			FROM entry_rollup
			WHERE test_id = :testId AND entered_day BETWEEN :fromDay AND :toDay
			GROUP BY variant
			""";

	private static final String ROLLUP_CONVERTERS = """
			SELECT variant, SUM(converters) AS n
			FROM conversion_rollup
			WHERE test_id = :testId AND goal_id = :goalId AND entered_day BETWEEN :fromDay AND :toDay
			  AND converted_day <= :toDay
			GROUP BY variant
			""";

	private static final String SCAN_VISITORS = """
			SELECT variant, COUNT(*) AS n
			FROM assignments
			WHERE test_id = :testId AND entered_at >= :fromMillis AND entered_at < :toMillis
			GROUP BY variant
			""";

	private static final String SCAN_CONVERTERS = """
			SELECT a.variant, COUNT(*) AS n
			FROM assignments a
			JOIN conversions c ON c.test_id = a.test_id AND c.visitor_id = a.visitor_id
			WHERE a.test_id = :testId AND c.goal_id = :goalId
			  AND a.entered_at >= :fromMillis AND a.entered_at < :toMillis AND c.first_converted_at < :toMillis
			GROUP BY a.variant
			""";

	private final JdbcClient jdbc;

	JdbcResultRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Map<Integer, Long> rollupVisitors(long testId, EntryWindow window) {
		return perVariant(this.jdbc.sql(ROLLUP_VISITORS)
			.param("testId", testId)
			.param("fromDay", window.fromDay())
			.param("toDay", window.toDay()));
	}

	Map<Integer, Long> rollupConverters(long testId, long goalId, EntryWindow window) {
		return perVariant(this.jdbc.sql(ROLLUP_CONVERTERS)
			.param("testId", testId)
			.param("goalId", goalId)
			.param("fromDay", window.fromDay())
			.param("toDay", window.toDay()));
	}

	Map<Integer, Long> scanVisitors(long testId, EntryWindow window) {
		return perVariant(this.jdbc.sql(SCAN_VISITORS)
			.param("testId", testId)
			.param("fromMillis", window.fromMillis())
			.param("toMillis", window.toMillis()));
	}

	Map<Integer, Long> scanConverters(long testId, long goalId, EntryWindow window) {
		return perVariant(this.jdbc.sql(SCAN_CONVERTERS)
			.param("testId", testId)
			.param("goalId", goalId)
			.param("fromMillis", window.fromMillis())
			.param("toMillis", window.toMillis()));
	}

	private static Map<Integer, Long> perVariant(JdbcClient.StatementSpec statement) {
		Map<Integer, Long> counts = new HashMap<>();
		statement.query((rs) -> {
			counts.put(rs.getInt("variant"), rs.getLong("n"));
		});
		return counts;
	}

}
