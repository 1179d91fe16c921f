package dev.uplift.tracking;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.uplift.tracking.BatchState.ConversionKey;
import dev.uplift.tracking.BatchState.ConversionState;
import dev.uplift.tracking.BatchState.Entry;
import dev.uplift.tracking.BatchState.EntryKey;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.uplift.tracking.PostgresIngestionStatements.ADD_CONVERTERS;
import static dev.uplift.tracking.PostgresIngestionStatements.ADD_ENTRIES;
import static dev.uplift.tracking.PostgresIngestionStatements.ASSIGNMENTS;
import static dev.uplift.tracking.PostgresIngestionStatements.ASSIGNMENT_COLUMNS;
import static dev.uplift.tracking.PostgresIngestionStatements.CONVERSIONS;
import static dev.uplift.tracking.PostgresIngestionStatements.CONVERSION_COLUMNS;
import static dev.uplift.tracking.PostgresIngestionStatements.CONVERTER_ROLLUP_COLUMNS;
import static dev.uplift.tracking.PostgresIngestionStatements.ADD_USAGE;
import static dev.uplift.tracking.PostgresIngestionStatements.DELETE_EVENTS;
import static dev.uplift.tracking.PostgresIngestionStatements.ENTRY_ROLLUP_COLUMNS;
import static dev.uplift.tracking.PostgresIngestionStatements.EVENT_COLUMNS;
import static dev.uplift.tracking.PostgresIngestionStatements.INSERT_ASSIGNMENTS;
import static dev.uplift.tracking.PostgresIngestionStatements.INSERT_EVENTS;
import static dev.uplift.tracking.PostgresIngestionStatements.RENUMBER_ASSIGNMENTS;
import static dev.uplift.tracking.PostgresIngestionStatements.RENUMBER_COLUMNS;
import static dev.uplift.tracking.PostgresIngestionStatements.UPSERT_CONVERSIONS;

/**
 * The writer's statements on PostgreSQL, set-based ({@link PostgresIngestionStatements}):
 * each write and look-up of a batch is one statement over arrays, one round trip however
 * many rows, where the shared repository sends a JDBC batch or chunks of {@code IN}
 * lists. The look-ups of experiments and goals are shared.
 */
final class PostgresIngestionRepository extends JdbcIngestionRepository {

	private final JdbcTemplate template;

	PostgresIngestionRepository(JdbcClient jdbc, JdbcTemplate template) {
		super(jdbc, template);
		this.template = template;
	}

	@Override
	void loadAssignments(long testId, Collection<String> visitorIds, Map<EntryKey, Entry> into) {
		this.template.query(ASSIGNMENTS, (ps) -> {
			ps.setArray(1, texts(ps.getConnection(), visitorIds));
			ps.setLong(2, testId);
		}, assignmentsInto(into));
	}

	@Override
	void loadConversions(GoalTarget target, Collection<String> visitorIds, Map<ConversionKey, ConversionState> into) {
		this.template.query(CONVERSIONS, (ps) -> {
			ps.setArray(1, texts(ps.getConnection(), visitorIds));
			ps.setLong(2, target.testId());
			ps.setLong(3, target.goalId());
		}, conversionsInto(target, into));
	}

	/**
	 * Logs each event id once, in ascending order (so that two transactions that share
	 * ids lock them in the same order); a copy later in the batch counts as not stored.
	 */
	@Override
	int[] insertEvents(List<Object[]> rows) {
		Map<String, Integer> firstCopy = new HashMap<>();
		List<Object[]> distinct = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			if (firstCopy.putIfAbsent((String) rows.get(i)[1], i) == null) {
				distinct.add(rows.get(i));
			}
		}
		distinct.sort((a, b) -> ((String) a[1]).compareTo((String) b[1]));
		Set<String> stored = new HashSet<>(
				returning(INSERT_EVENTS, EVENT_COLUMNS, distinct, (rs, row) -> rs.getString("event_id")));
		int[] inserted = new int[rows.size()];
		firstCopy.forEach((eventId, index) -> inserted[index] = stored.contains(eventId) ? 1 : 0);
		return inserted;
	}

	@Override
	long addUsage(long projectId, int shard, long events, long bytes) {
		return this.template.queryForObject(ADD_USAGE, Long.class, projectId, shard, events, bytes, projectId, shard);
	}

	@Override
	void deleteEvents(long projectId, Collection<String> eventIds) {
		if (eventIds.isEmpty()) {
			return;
		}
		this.template.update(DELETE_EVENTS, (ps) -> {
			ps.setLong(1, projectId);
			ps.setArray(2, texts(ps.getConnection(), eventIds));
		});
	}

	@Override
	int[] insertAssignments(List<Object[]> rows) {
		Set<EntryKey> stored = new HashSet<>(returning(INSERT_ASSIGNMENTS, ASSIGNMENT_COLUMNS, rows,
				(rs, row) -> new EntryKey(rs.getLong("test_id"), rs.getString("visitor_id"))));
		int[] inserted = new int[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			Object[] row = rows.get(i);
			inserted[i] = stored.contains(new EntryKey((Long) row[0], (String) row[1])) ? 1 : 0;
		}
		return inserted;
	}

	@Override
	void renumberAssignments(List<Object[]> rows) {
		update(RENUMBER_ASSIGNMENTS, RENUMBER_COLUMNS, rows);
	}

	@Override
	void upsertConversions(List<Object[]> rows) {
		update(UPSERT_CONVERSIONS, CONVERSION_COLUMNS, rows);
	}

	@Override
	void addEntries(List<Object[]> rows) {
		update(ADD_ENTRIES, ENTRY_ROLLUP_COLUMNS, rows);
	}

	@Override
	void addConverters(List<Object[]> rows) {
		update(ADD_CONVERTERS, CONVERTER_ROLLUP_COLUMNS, rows);
	}

	private void update(String sql, String[] columns, List<Object[]> rows) {
		if (!rows.isEmpty()) {
			this.template.update(columnArrays(sql, columns, rows));
		}
	}

	private <T> List<T> returning(String sql, String[] columns, List<Object[]> rows, RowMapper<T> reader) {
		if (rows.isEmpty()) {
			return List.of();
		}
		return this.template.query(columnArrays(sql, columns, rows), reader);
	}

	/**
	 * The statement with one array parameter per column, holding that column of the rows.
	 */
	private static PreparedStatementCreator columnArrays(String sql, String[] columns, List<Object[]> rows) {
		return (connection) -> {
			PreparedStatement ps = connection.prepareStatement(sql);
			for (int c = 0; c < columns.length; c++) {
				Object[] column = new Object[rows.size()];
				for (int r = 0; r < column.length; r++) {
					column[r] = rows.get(r)[c];
				}
				ps.setArray(c + 1, connection.createArrayOf(columns[c], column));
			}
			return ps;
		};
	}

	private static Array texts(Connection connection, Collection<String> values) throws SQLException {
		return connection.createArrayOf("text", values.toArray());
	}

}
