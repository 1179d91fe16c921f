package dev.uplift.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
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
			SELECT variant, SUM(converters) AS n, SUM(revenue_cents) AS revenue_cents, SUM(orders) AS orders,
			       SUM(revenue_sq) AS revenue_sq, SUM(excluded_orders) AS excluded_orders
			FROM conversion_rollup
			WHERE test_id = :testId AND goal_id = :goalId AND entered_day BETWEEN :fromDay AND :toDay
			  AND converted_day <= :toDay
			GROUP BY variant
			""";

	// Per day rather than summed: O(days) rows of entries, O(days²) of conversions.
	private static final String ROLLUP_DAILY_VISITORS = """
			SELECT variant, entered_day AS day, SUM(visitors) AS n
			FROM entry_rollup
			WHERE test_id = :testId AND entered_day BETWEEN :fromDay AND :toDay
			GROUP BY variant, entered_day
			""";

	private static final String ROLLUP_DAILY_CONVERTERS = """
			SELECT variant, converted_day AS day, SUM(converters) AS n, SUM(revenue_cents) AS revenue_cents,
			       SUM(orders) AS orders, SUM(revenue_sq) AS revenue_sq, SUM(excluded_orders) AS excluded_orders
			FROM conversion_rollup
			WHERE test_id = :testId AND goal_id = :goalId AND entered_day BETWEEN :fromDay AND :toDay
			  AND converted_day <= :toDay
			GROUP BY variant, converted_day
			""";

	private static final String ROLLUP_CONVERTERS_BY_ENTRY_DAY = """
			SELECT variant, entered_day AS day, SUM(converters) AS n
			FROM conversion_rollup
			WHERE test_id = :testId AND goal_id = :goalId AND entered_day BETWEEN :fromDay AND :toDay
			  AND converted_day <= :toDay
			GROUP BY variant, entered_day
			""";

	// Any order ever recorded for the goal in the experiment, counted or left out.
	private static final String ANY_ORDERS = """
			SELECT COUNT(*) FROM conversion_rollup
			WHERE test_id = :testId AND goal_id = :goalId AND (orders <> 0 OR excluded_orders <> 0)
			""";

	// Revenue and orders per variant and day of first conversion, of the visitors who
	// entered in the window: revenue to date, counted on the day the visitor first
	// converted.
	private static final String ROLLUP_DAILY_REVENUE = """
			SELECT variant, converted_day, SUM(revenue_cents) AS revenue_cents, SUM(orders) AS orders,
			       SUM(revenue_sq) AS revenue_sq, SUM(excluded_orders) AS excluded_orders
			FROM conversion_rollup
			WHERE test_id = :testId AND goal_id = :goalId AND entered_day BETWEEN :fromDay AND :toDay
			  AND converted_day <= :toDay
			GROUP BY variant, converted_day
			ORDER BY converted_day, variant
			""";

	private static final String SCAN_VISITORS = """
			SELECT variant, COUNT(*) AS n
			FROM assignments
			WHERE test_id = :testId AND entered_at >= :fromMillis AND entered_at < :toMillis
			GROUP BY variant
			""";

	// Revenue is held as cents / 100: ROUND(revenue * 100) is the exact number of cents.
	// :late is 1 to take out the orders placed at or after the deploy, 0 to keep them.
	private static final String SCAN_CONVERTERS = """
			SELECT variant, COUNT(*) AS n, SUM(cents) AS revenue_cents, SUM(orders) AS orders,
			       SUM(CAST(cents AS DOUBLE PRECISION) * cents) AS revenue_sq, SUM(excluded_orders) AS excluded_orders
			FROM (SELECT a.variant,
			             CAST(ROUND(c.revenue * 100) AS BIGINT) - :late * c.revenue_after_deploy_cents AS cents,
			             c.orders - :late * c.orders_after_deploy AS orders,
			             c.excluded_orders - :late * c.excluded_orders_after_deploy AS excluded_orders
			      FROM assignments a
			      JOIN conversions c ON c.test_id = a.test_id AND c.visitor_id = a.visitor_id
			      WHERE a.test_id = :testId AND c.goal_id = :goalId
			        AND a.entered_at >= :fromMillis AND a.entered_at < :toMillis
			        AND c.first_converted_at < :toMillis) converted
			GROUP BY variant
			""";

	// Every entry of the window with its attributes and its conversion on the goal, for
	// the filters and breakdowns evaluated row by row; the first three parameters are
	// 1 to take out the orders placed at or after the deploy, 0 to keep them.
	private static final String SCAN_ENTRIES = """
			SELECT a.visitor_id, a.variant, a.entered_at,
			       a.device, a.browser, a.os, a.country, a.source, a.landing_page, a.utm_source, a.visitor_type,
			       a.region, a.city,
			       c.first_converted_at, c.count,
			       CAST(ROUND(c.revenue * 100) AS BIGINT) - ? * c.revenue_after_deploy_cents AS revenue_cents,
			       c.orders - ? * c.orders_after_deploy AS orders,
			       c.excluded_orders - ? * c.excluded_orders_after_deploy AS excluded_orders
			FROM assignments a
			LEFT JOIN conversions c ON c.test_id = a.test_id AND c.goal_id = ? AND c.visitor_id = a.visitor_id
			WHERE a.test_id = ? AND a.entered_at >= ? AND a.entered_at < ?
			""";

	// Rows streamed through a cursor (PostgreSQL keeps the whole result in memory without
	// one).
	private static final int FETCH_SIZE = 10_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	JdbcResultRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(template.getDataSource());
		this.streaming.setFetchSize(FETCH_SIZE);
	}

	Map<Integer, Long> rollupVisitors(long testId, EntryWindow window) {
		return perVariant(this.jdbc.sql(ROLLUP_VISITORS)
			.param("testId", testId)
			.param("fromDay", window.fromDay())
			.param("toDay", window.toDay()));
	}

	Map<Integer, ConversionSums> rollupConverters(long testId, long goalId, EntryWindow window) {
		return sumsPerVariant(this.jdbc.sql(ROLLUP_CONVERTERS)
			.param("testId", testId)
			.param("goalId", goalId)
			.param("fromDay", window.fromDay())
			.param("toDay", window.toDay()));
	}

	/**
	 * Visitors per variant and day of entry, and converters and their revenue per variant
	 * and day of first conversion (none when goalId is null), from the rollups.
	 */
	DailyCounts rollupDaily(long testId, Long goalId, EntryWindow window, int arms) {
		DailyCounts daily = new DailyCounts(arms);
		this.jdbc.sql(ROLLUP_DAILY_VISITORS)
			.param("testId", testId)
			.param("fromDay", window.fromDay())
			.param("toDay", window.toDay())
			.query((rs) -> {
				daily.addEntries(rs.getInt("variant"), rs.getLong("day"), rs.getLong("n"));
			});
		if (goalId != null) {
			this.jdbc.sql(ROLLUP_DAILY_CONVERTERS)
				.param("testId", testId)
				.param("goalId", goalId)
				.param("fromDay", window.fromDay())
				.param("toDay", window.toDay())
				.query((rs) -> {
					int variant = rs.getInt("variant");
					LocalDate day = LocalDate.ofEpochDay(rs.getLong("day"));
					daily.addConversions(variant, day.toEpochDay(), rs.getLong("n"));
					daily.addRevenue(new DailyRevenue(day, new RevenueTally(variant, rs.getLong("revenue_cents"),
							rs.getLong("orders"), rs.getDouble("revenue_sq"), rs.getLong("excluded_orders"))));
				});
		}
		return daily;
	}

	/**
	 * The visitors per arm and day of entry of the window (epoch days of the project's
	 * zone), and of them those who converted on the goal by the window's end, from the
	 * rollups.
	 */
	Map<Long, EntryDay> entryDays(long testId, Long goalId, EntryWindow window, int arms) {
		Map<Long, EntryDay> days = new HashMap<>();
		this.jdbc.sql(ROLLUP_DAILY_VISITORS)
			.param("testId", testId)
			.param("fromDay", window.fromDay())
			.param("toDay", window.toDay())
			.query((rs) -> {
				EntryDay day = days.computeIfAbsent(rs.getLong("day"), (key) -> new EntryDay(arms));
				day.add(day.visitors(), rs.getInt("variant"), rs.getLong("n"));
			});
		if (goalId != null) {
			this.jdbc.sql(ROLLUP_CONVERTERS_BY_ENTRY_DAY)
				.param("testId", testId)
				.param("goalId", goalId)
				.param("fromDay", window.fromDay())
				.param("toDay", window.toDay())
				.query((rs) -> {
					EntryDay day = days.computeIfAbsent(rs.getLong("day"), (key) -> new EntryDay(arms));
					day.add(day.conversions(), rs.getInt("variant"), rs.getLong("n"));
				});
		}
		return days;
	}

	Map<Integer, Long> scanVisitors(long testId, EntryWindow window) {
		return perVariant(this.jdbc.sql(SCAN_VISITORS)
			.param("testId", testId)
			.param("fromMillis", window.fromMillis())
			.param("toMillis", window.toMillis()));
	}

	/**
	 * Converters per variant and their revenue, by scan; {@code leavesOutLateOrders}
	 * takes out the orders placed at or after the deploy.
	 */
	Map<Integer, ConversionSums> scanConverters(long testId, long goalId, EntryWindow window,
			boolean leavesOutLateOrders) {
		return sumsPerVariant(this.jdbc.sql(SCAN_CONVERTERS)
			.param("late", leavesOutLateOrders ? 1 : 0)
			.param("testId", testId)
			.param("goalId", goalId)
			.param("fromMillis", window.fromMillis())
			.param("toMillis", window.toMillis()));
	}

	/**
	 * Hands every entry of the window to {@code rows}, with its conversion on the goal
	 * (none when goalId is null) and its revenue, less the orders placed at or after the
	 * deploy with {@code leavesOutLateOrders}.
	 */
	void scanEntries(long testId, Long goalId, EntryWindow window, boolean leavesOutLateOrders,
			Consumer<SegmentRow> rows) {
		int late = leavesOutLateOrders ? 1 : 0;
		this.streaming.query(SCAN_ENTRIES, (rs) -> {
			String[] values = Dimension.valuesOf(rs);
			long converted = rs.getLong("first_converted_at");
			boolean none = rs.wasNull();
			rows.accept(new SegmentRow(rs.getString("visitor_id"), rs.getInt("variant"), rs.getLong("entered_at"),
					values, none ? Long.MAX_VALUE : converted, none ? 0 : rs.getLong("count"),
					none ? RevenueTally.NONE : visitorRevenue(rs)));
		}, late, late, late, (goalId != null) ? goalId : -1L, testId, window.fromMillis(), window.toMillis());
	}

	/** One visitor's revenue, with its square. */
	private static RevenueTally visitorRevenue(ResultSet rs) throws SQLException {
		long cents = rs.getLong("revenue_cents");
		return new RevenueTally(rs.getInt("variant"), cents, rs.getLong("orders"), (double) cents * cents,
				rs.getLong("excluded_orders"));
	}

	boolean anyOrders(long testId, long goalId) {
		return this.jdbc.sql(ANY_ORDERS).param("testId", testId).param("goalId", goalId).query(Long.class).single() > 0;
	}

	/**
	 * Per day of first conversion, the revenue of each variant's visitors who entered in
	 * the window and first converted by its end.
	 */
	List<DailyRevenue> rollupDailyRevenue(long testId, long goalId, EntryWindow window) {
		return this.jdbc.sql(ROLLUP_DAILY_REVENUE)
			.param("testId", testId)
			.param("goalId", goalId)
			.param("fromDay", window.fromDay())
			.param("toDay", window.toDay())
			.query((rs, row) -> new DailyRevenue(LocalDate.ofEpochDay(rs.getLong("converted_day")),
					new RevenueTally(rs.getInt("variant"), rs.getLong("revenue_cents"), rs.getLong("orders"),
							rs.getDouble("revenue_sq"), rs.getLong("excluded_orders"))))
			.list();
	}

	private static Map<Integer, ConversionSums> sumsPerVariant(JdbcClient.StatementSpec statement) {
		Map<Integer, ConversionSums> sums = new HashMap<>();
		statement.query((rs) -> {
			int variant = rs.getInt("variant");
			sums.put(variant, new ConversionSums(rs.getLong("n"), new RevenueTally(variant, rs.getLong("revenue_cents"),
					rs.getLong("orders"), rs.getDouble("revenue_sq"), rs.getLong("excluded_orders"))));
		});
		return sums;
	}

	/** A variant's converters and their revenue. */
	record ConversionSums(long converters, RevenueTally revenue) {
	}

	private static Map<Integer, Long> perVariant(JdbcClient.StatementSpec statement) {
		Map<Integer, Long> counts = new HashMap<>();
		statement.query((rs) -> {
			counts.put(rs.getInt("variant"), rs.getLong("n"));
		});
		return counts;
	}

	/**
	 * The visitors of one day of entry per arm, and of them the converted.
	 *
	 * @param visitors per arm, Control first
	 * @param conversions per arm
	 */
	record EntryDay(long[] visitors, long[] conversions) {

		EntryDay(int arms) {
			this(new long[arms], new long[arms]);
		}

		void add(long[] counts, int variant, long count) {
			if (variant < counts.length) {
				counts[variant] += count;
			}
		}

	}

}
