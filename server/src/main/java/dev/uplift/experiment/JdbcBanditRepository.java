package dev.uplift.experiment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which experiments are multi-armed bandits, and their re-allocations (V23). A
 * re-allocation is one insert keyed by experiment and day, so that of the nodes drawing
 * the split of a day one records it and the others find it recorded.
 */
@Repository
class JdbcBanditRepository {

	// Per bandit, the split of the latest re-allocation in force now, or null.
	private static final String IN_FORCE = """
			SELECT b.test_id,
			       (SELECT a.weights FROM bandit_allocations a WHERE a.test_id = b.test_id AND a.effective_at <= :now
			        ORDER BY a.effective_at DESC LIMIT 1) AS weights
			FROM experiment_bandits b WHERE b.test_id IN (:testIds)
			""";

	private static final String MARK = "INSERT INTO experiment_bandits (test_id) VALUES (:testId) ON CONFLICT DO NOTHING";

	private static final String UNMARK = "DELETE FROM experiment_bandits WHERE test_id = :testId";

	private static final String RECORD = """
			INSERT INTO bandit_allocations (test_id, effective_day, effective_at, computed_at, weights, visitors,
			                                conversions)
			VALUES (:testId, :day, :at, :computedAt, :weights, :visitors, :conversions)
			ON CONFLICT (test_id, effective_day) DO NOTHING
			""";

	private static final String HISTORY = """
			SELECT effective_day, effective_at, computed_at, weights, visitors, conversions
			FROM bandit_allocations WHERE test_id = :testId ORDER BY effective_day
			""";

	private static final String RUNNING = """
			SELECT b.test_id, e.project_id,
			       (SELECT MAX(a.effective_day) FROM bandit_allocations a WHERE a.test_id = b.test_id) AS last_day
			FROM experiment_bandits b JOIN experiments e ON e.id = b.test_id
			WHERE e.status = 1 AND e.is_completed = 0 AND e.deleted_at IS NULL
			  AND EXISTS (SELECT 1 FROM experiment_goals g WHERE g.test_id = b.test_id AND g.is_primary = 1)
			  AND NOT EXISTS (SELECT 1 FROM experiment_serving s
			                  WHERE s.test_id = b.test_id AND s.serving_variant IS NOT NULL)
			ORDER BY b.test_id
			""";

	private final JdbcClient jdbc;

	JdbcBanditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Of these experiments, the bandits, each with the split in force at {@code now} (an
	 * empty list while the starting split is).
	 */
	Map<Long, List<Integer>> inForce(List<Long> testIds, long now) {
		Map<Long, List<Integer>> bandits = new HashMap<>();
		if (testIds.isEmpty()) {
			return bandits;
		}
		this.jdbc.sql(IN_FORCE).param("testIds", testIds).param("now", now).query((rs) -> {
			String weights = rs.getString("weights");
			bandits.put(rs.getLong("test_id"),
					(weights != null) ? numbers(weights).stream().map(Long::intValue).toList() : List.of());
		});
		return bandits;
	}

	void mark(long testId, boolean bandit) {
		this.jdbc.sql(bandit ? MARK : UNMARK).param("testId", testId).update();
	}

	/** Records the re-allocation unless one of its day is; whether this call did. */
	boolean record(long testId, Reallocation reallocation) {
		return this.jdbc.sql(RECORD)
			.param("testId", testId)
			.param("day", reallocation.effectiveDay())
			.param("at", reallocation.effectiveAt())
			.param("computedAt", reallocation.computedAt())
			.param("weights", text(reallocation.weights()))
			.param("visitors", text(reallocation.visitors()))
			.param("conversions", text(reallocation.conversions()))
			.update() > 0;
	}

	List<Reallocation> history(long testId) {
		return this.jdbc.sql(HISTORY).param("testId", testId).query((rs, row) -> reallocation(rs)).list();
	}

	List<RunningBandit> running() {
		return this.jdbc.sql(RUNNING).query((rs, row) -> {
			long last = rs.getLong("last_day");
			return new RunningBandit(rs.getLong("test_id"), rs.getLong("project_id"),
					rs.wasNull() ? Long.MIN_VALUE : last);
		}).list();
	}

	private static Reallocation reallocation(ResultSet rs) throws SQLException {
		return new Reallocation(rs.getLong("effective_day"), rs.getLong("effective_at"), rs.getLong("computed_at"),
				numbers(rs.getString("weights")).stream().map(Long::intValue).toList(),
				numbers(rs.getString("visitors")), numbers(rs.getString("conversions")));
	}

	private static String text(List<? extends Number> numbers) {
		return numbers.stream().map(Number::toString).collect(Collectors.joining(","));
	}

	private static List<Long> numbers(String text) {
		return Arrays.stream(text.split(",")).map(Long::parseLong).toList();
	}

}
