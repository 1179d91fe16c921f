package dev.uplift.scale;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.uplift.tracking.IngestionStatements;
import dev.uplift.tracking.PostgresIngestionStatements;

/**
 * The database's own rate for the PostgreSQL writer's statements: the same texts
 * ({@link PostgresIngestionStatements}, the experiment and goal look-ups of
 * {@link IngestionStatements}), in the same order and with the same batch shape as the
 * measured load, one transaction after another on one connection, with no HTTP, no queue
 * and no Java walk over the events in front. Ordinals are taken in one block for the
 * whole run.
 */
final class RawWriterRate {

	private static final String BODY = """
			{"type":"exposure","event_id":"%s","visitor_id":"%s","test_id":%d,"variant_id":"%d","attributes":{"device":"desktop"}}""";

	private final Connection connection;

	private final long projectId;

	private final long testId;

	private final long goalId;

	private final String goalKey;

	private final int day = (int) LocalDate.now(ZoneOffset.UTC).toEpochDay();

	private long ordinal;

	private int visitor;

	private RawWriterRate(Connection connection, long testId, String goalKey) throws SQLException {
		this.connection = connection;
		this.testId = testId;
		this.goalKey = goalKey;
		this.projectId = single("SELECT project_id FROM experiments WHERE id = " + testId);
		this.goalId = single(
				"SELECT id FROM goals WHERE goal_key = '" + goalKey + "' AND project_id = " + this.projectId);
	}

	/**
	 * Events per second over {@code seconds} of transactions of {@code batch} events:
	 * half exposures of new visitors, half goals of the visitors of the batch before.
	 */
	static double measure(String url, String user, String password, long testId, String goalKey, int batch,
			double seconds) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			RawWriterRate run = new RawWriterRate(connection, testId, goalKey);
			long events = 0;
			long started = System.nanoTime();
			long deadline = started + (long) (seconds * 1e9);
			run.ordinal = run.allocate(Math.max(1, (long) (seconds * 1_000_000)));
			connection.setAutoCommit(false);
			while (System.nanoTime() < deadline) {
				run.transaction(batch / 2);
				connection.commit();
				events += 2L * (batch / 2);
			}
			return events / ((System.nanoTime() - started) / 1e9);
		}
	}

	private void transaction(int visitors) throws SQLException {
		long now = System.currentTimeMillis();
		int first = this.visitor;
		this.visitor += visitors;
		String[] entering = new String[visitors];
		String[] converting = new String[visitors];
		long[] keys = new long[2 * visitors];
		for (int i = 0; i < visitors; i++) {
			entering[i] = "raw-" + (first + i);
			converting[i] = "raw-" + Math.max(0, first - visitors + i);
			keys[2 * i] = ((long) this.projectId << 32) ^ entering[i].hashCode();
			keys[2 * i + 1] = ((long) this.projectId << 32) ^ converting[i].hashCode();
		}
		Arrays.sort(keys);
		try (PreparedStatement lock = this.connection.prepareStatement(PostgresIngestionStatements.LOCK)) {
			lock.setArray(1, array("int8", new Object[] { this.projectId }));
			lock.setArray(2, array("int8", Arrays.stream(keys).boxed().toArray()));
			lock.executeQuery().close();
		}
		query(IngestionStatements.EXPERIMENTS.replace(":testIds", "?"), this.testId);
		List<Object[]> events = new ArrayList<>();
		for (int i = 0; i < visitors; i++) {
			String exposureId = "x-" + entering[i];
			events.add(new Object[] { this.projectId, exposureId, now, now, "exposure",
					BODY.formatted(exposureId, entering[i], this.testId, i % 2) });
			String goalId = "g-" + entering[i];
			events.add(new Object[] { this.projectId, goalId, now, now, "goal",
					BODY.formatted(goalId, converting[i], this.testId, 0) });
		}
		events.sort((a, b) -> ((String) a[1]).compareTo((String) b[1]));
		query(columns(PostgresIngestionStatements.INSERT_EVENTS, PostgresIngestionStatements.EVENT_COLUMNS, events));
		// The attached goals, then the project's default goal: each part names both.
		query(IngestionStatements.TARGETS_BY_GOAL_KEY.replace(":projectId", "?").replace(":names", "?"), this.projectId,
				this.goalKey, this.projectId, this.goalKey);
		query(PostgresIngestionStatements.ASSIGNMENTS, array("text", converting), this.testId);
		query(PostgresIngestionStatements.CONVERSIONS, array("text", converting), this.testId, this.goalId);
		List<Object[]> entries = new ArrayList<>();
		List<Object[]> conversions = new ArrayList<>();
		for (int i = 0; i < visitors; i++) {
			entries.add(new Object[] { this.testId, entering[i], this.projectId, this.ordinal++, i % 2, now, this.day,
					"desktop", null, null, null, null, null, null, null, null, null });
			if (first > 0) {
				conversions.add(new Object[] { this.testId, this.goalId, converting[i], i % 2, this.day, now, this.day,
						1L, 0.0, 0L, 0L });
			}
		}
		query(columns(PostgresIngestionStatements.INSERT_ASSIGNMENTS, PostgresIngestionStatements.ASSIGNMENT_COLUMNS,
				entries));
		if (!conversions.isEmpty()) {
			update(columns(PostgresIngestionStatements.UPSERT_CONVERSIONS,
					PostgresIngestionStatements.CONVERSION_COLUMNS, conversions));
			update(columns(PostgresIngestionStatements.ADD_CONVERTERS,
					PostgresIngestionStatements.CONVERTER_ROLLUP_COLUMNS,
					List.of(new Object[] { this.testId, this.goalId, 0, this.day, this.day, 0,
							(long) visitors - visitors / 2, 0L, 0L, 0.0, 0L },
							new Object[] { this.testId, this.goalId, 1, this.day, this.day, 0, (long) visitors / 2, 0L,
									0L, 0.0, 0L })));
		}
		update(columns(PostgresIngestionStatements.ADD_ENTRIES, PostgresIngestionStatements.ENTRY_ROLLUP_COLUMNS,
				List.of(new Object[] { this.testId, 0, this.day, 0, (long) visitors - visitors / 2 },
						new Object[] { this.testId, 1, this.day, 0, (long) visitors / 2 })));
	}

	private long allocate(long size) throws SQLException {
		try (PreparedStatement allocate = this.connection
			.prepareStatement(PostgresIngestionStatements.ALLOCATE_ORDINALS)) {
			allocate.setLong(1, size);
			allocate.setLong(2, this.testId);
			try (ResultSet rs = allocate.executeQuery()) {
				rs.next();
				return rs.getLong(1) - size;
			}
		}
	}

	/** A statement with one array per column of the rows, as the writer binds it. */
	private PreparedStatement columns(String sql, String[] types, List<Object[]> rows) throws SQLException {
		PreparedStatement statement = this.connection.prepareStatement(sql);
		for (int c = 0; c < types.length; c++) {
			Object[] column = new Object[rows.size()];
			for (int r = 0; r < column.length; r++) {
				column[r] = rows.get(r)[c];
			}
			statement.setArray(c + 1, array(types[c], column));
		}
		return statement;
	}

	private void query(String sql, Object... parameters) throws SQLException {
		PreparedStatement statement = this.connection.prepareStatement(sql);
		for (int i = 0; i < parameters.length; i++) {
			statement.setObject(i + 1, parameters[i]);
		}
		query(statement);
	}

	private static void query(PreparedStatement statement) throws SQLException {
		try (statement; ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				// Read every row, as the writer does.
			}
		}
	}

	private static void update(PreparedStatement statement) throws SQLException {
		try (statement) {
			statement.executeUpdate();
		}
	}

	private Array array(String type, Object[] values) throws SQLException {
		return this.connection.createArrayOf(type, values);
	}

	private long single(String sql) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql);
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
