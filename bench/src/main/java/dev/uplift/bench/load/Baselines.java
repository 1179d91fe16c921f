package dev.uplift.bench.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.uplift.bench.load.LiveTraffic.LiveEvent;
import dev.uplift.storage.SqliteSettings;
import dev.uplift.storage.WalCheckpointer;
import dev.uplift.storage.WriteGate;
import dev.uplift.tracking.IngestionStatements;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What a user would otherwise do, on the same database engine and disk: exact counts with
 * {@code COUNT(DISTINCT ...)} over a plain table of raw events, and the writer's
 * statements sent straight over JDBC with no HTTP and no Java pipeline in front.
 */
final class Baselines {

	private static final String COHORT_COUNTS = """
			SELECT f.variant, COUNT(DISTINCT f.visitor_id) AS visitors, COUNT(DISTINCT g.visitor_id) AS converters
			FROM (SELECT visitor_id, MIN(variant) AS variant, MIN(ts) AS entered_at
			      FROM events WHERE test_id = ? AND type = 'exposure' GROUP BY visitor_id) f
			LEFT JOIN events g ON g.visitor_id = f.visitor_id AND g.type = 'goal' AND g.goal_key = ?
			     AND g.ts >= f.entered_at AND g.ts < ?
			WHERE f.entered_at >= ? AND f.entered_at < ?
			GROUP BY f.variant ORDER BY f.variant
			""";

	private static final String EXPERIMENT = "SELECT project_id, next_ordinal FROM experiments WHERE id = ?";

	private static final String GOAL = "SELECT id FROM goals WHERE goal_key = ?";

	/** Phases of the writer's transaction whose time the raw-rate run reports. */
	static final String[] PHASES = { "lock_and_lookups", "select_assignments", "select_conversions", "insert_event_log",
			"insert_assignments", "upsert_conversions_and_rollups", "commit" };

	private Baselines() {
	}

	private static int lap(long[] nanos, int phase, long[] last) {
		long now = System.nanoTime();
		nanos[phase] += now - last[0];
		last[0] = now;
		return phase + 1;
	}

	static Connection open(Path database, String pragmas) throws SQLException {
		return DriverManager.getConnection("jdbc:sqlite:" + database + pragmas);
	}

	/**
	 * Loads the synthetic stream into a plain {@code events} table (loading is not timed)
	 * and indexes it.
	 */
	static long loadPlainEvents(Path database, long seed, long visitors, long testId, String goalKey)
			throws SQLException {
		try (Connection connection = open(database, "?journal_mode=WAL&synchronous=OFF&cache_size=-262144")) {
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("DROP TABLE IF EXISTS events");
				ddl.execute("CREATE TABLE events (visitor_id TEXT NOT NULL, test_id INTEGER, variant INTEGER, "
						+ "type TEXT NOT NULL, goal_key TEXT, ts INTEGER NOT NULL)");
			}
			connection.setAutoCommit(false);
			long[] rows = new long[1];
			try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)")) {
				SyntheticTraffic traffic = new SyntheticTraffic(seed, visitors, testId, goalKey);
				SyntheticTraffic.Sink sink = new SyntheticTraffic.Sink() {

					@Override
					public void exposure(String eventId, String visitorId, long test, int variant, long at,
							String[] attributes) {
						add(visitorId, test, variant, "exposure", null, at);
					}

					@Override
					public void goal(String eventId, String visitorId, String goal, long at) {
						add(visitorId, null, null, "goal", goal, at);
					}

					private void add(String visitorId, Long test, Integer variant, String type, String goal, long at) {
						try {
							insert.setString(1, visitorId);
							insert.setObject(2, test);
							insert.setObject(3, variant);
							insert.setString(4, type);
							insert.setString(5, goal);
							insert.setLong(6, at);
							insert.addBatch();
							if (++rows[0] % 10_000 == 0) {
								insert.executeBatch();
							}
						}
						catch (SQLException ex) {
							throw new IllegalStateException(ex);
						}
					}

				};
				while (!traffic.done()) {
					traffic.emit(traffic.entered() + 100_000, sink);
					insert.executeBatch();
					connection.commit();
				}
			}
			connection.setAutoCommit(true);
			try (Statement ddl = connection.createStatement()) {
				// The indexes a user would add for these queries: entries read in visitor
				// order from a covering index, conversions looked up by visitor.
				ddl.execute("CREATE INDEX events_by_test ON events (test_id, type, visitor_id, ts, variant)");
				ddl.execute("CREATE INDEX events_by_visitor ON events (visitor_id, type, goal_key, ts)");
				ddl.execute("ANALYZE");
			}
			return rows[0];
		}
	}

	/**
	 * Visitors and converters per variant for an entry window [fromDay, toDay] of the
	 * period, by cohort SQL.
	 */
	static long[][] countDistinct(Path database, long testId, String goalKey, int fromDay, int toDay)
			throws SQLException {
		long from = SyntheticTraffic.START + fromDay * SyntheticTraffic.DAY_MS;
		long to = SyntheticTraffic.START + (toDay + 1) * SyntheticTraffic.DAY_MS;
		try (Connection connection = open(database, "?open_mode=1&cache_size=-131072");
				PreparedStatement query = connection.prepareStatement(COHORT_COUNTS)) {
			query.setLong(1, testId);
			query.setString(2, goalKey);
			query.setLong(3, to);
			query.setLong(4, from);
			query.setLong(5, to);
			List<long[]> counts = new ArrayList<>();
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					counts.add(new long[] { rs.getLong("visitors"), rs.getLong("converters") });
				}
			}
			return counts.toArray(new long[0][]);
		}
	}

	/**
	 * The writer's statements ({@link IngestionStatements}) for live traffic, straight
	 * over JDBC on a copy of the server's database, one transaction of
	 * {@code batchEvents} events after another for {@code seconds}, with time-ordered or
	 * random visitor ids; returns events per second.
	 */
	static RawRate rawWriterRate(Path database, long testId, String goalKey, int batchEvents, double seconds,
			boolean randomIds) throws SQLException {
		// Checkpoints from a thread of their own, as the server does them.
		SingleConnectionDataSource checkpoints = new SingleConnectionDataSource(SqliteSettings.url(database), true);
		WriteGate gate = new WriteGate();
		WalCheckpointer checkpointer = new WalCheckpointer(checkpoints, gate);
		checkpointer.start();
		try {
			return rawWriterRateWithCheckpoints(database, testId, goalKey, batchEvents, seconds, randomIds, gate);
		}
		finally {
			checkpointer.stop();
			checkpoints.destroy();
		}
	}

	private static RawRate rawWriterRateWithCheckpoints(Path database, long testId, String goalKey, int batchEvents,
			double seconds, boolean randomIds, WriteGate gate) throws SQLException {
		try (Connection connection = DriverManager.getConnection(SqliteSettings.url(database))) {
			long projectId;
			long goalId;
			long ordinal;
			try (PreparedStatement experiment = connection.prepareStatement(EXPERIMENT);
					PreparedStatement goal = connection.prepareStatement(GOAL)) {
				experiment.setLong(1, testId);
				try (ResultSet rs = experiment.executeQuery()) {
					rs.next();
					projectId = rs.getLong("project_id");
					ordinal = rs.getLong("next_ordinal");
				}
				goal.setString(1, goalKey);
				try (ResultSet rs = goal.executeQuery()) {
					rs.next();
					goalId = rs.getLong("id");
				}
			}
			connection.setAutoCommit(false);
			LiveTraffic traffic = new LiveTraffic("r-", 99, testId, goalKey, false, randomIds);
			int day = (int) LocalDate.now(ZoneOffset.UTC).toEpochDay();
			long events = 0;
			long transactions = 0;
			long[] nanos = new long[PHASES.length];
			long generating = 0;
			long started = System.nanoTime();
			long deadline = started + (long) (seconds * 1e9);
			while (System.nanoTime() < deadline) {
				long generated = System.nanoTime();
				List<LiveEvent> batch = traffic.next(batchEvents);
				long[] last = { System.nanoTime() };
				generating += last[0] - generated;
				long first = ordinal;
				ordinal = gate.through(() -> {
					try {
						long next = writeBatch(connection, batch, projectId, testId, goalId, goalKey, first, day, nanos,
								last);
						connection.commit();
						return next;
					}
					catch (SQLException ex) {
						throw new IllegalStateException(ex);
					}
				});
				lap(nanos, PHASES.length - 1, last);
				events += batchEvents;
				transactions++;
			}
			double elapsed = (System.nanoTime() - started - generating) / 1e9;
			Map<String, Double> perTransaction = new java.util.LinkedHashMap<>();
			for (int i = 0; i < PHASES.length; i++) {
				perTransaction.put(PHASES[i], nanos[i] / 1e6 / transactions);
			}
			return new RawRate(events / elapsed, batchEvents, transactions, perTransaction);
		}
	}

	private static long writeBatch(Connection connection, List<LiveEvent> batch, long projectId, long testId,
			long goalId, String goalKey, long ordinal, int day, long[] nanos, long[] last) throws SQLException {
		long now = System.currentTimeMillis();
		int phase = 0;
		try (PreparedStatement lock = connection.prepareStatement(IngestionStatements.LOCK_PROJECT)) {
			lock.setLong(1, projectId);
			lock.executeUpdate();
		}
		try (PreparedStatement experiments = named(connection, IngestionStatements.EXPERIMENTS,
				Map.of("testIds", List.of(testId)))) {
			experiments.executeQuery().close();
		}
		phase = lap(nanos, phase, last);
		// Retries are told apart by the event log's unique index when it is written (as
		// the server does).
		// Entries are looked up for converting visitors only; an exposure's insert finds
		// out (as the server does).
		Set<String> visitorIds = new HashSet<>();
		batch.stream().filter(LiveEvent::goal).forEach((event) -> visitorIds.add(event.visitorId()));
		try (PreparedStatement targets = named(connection, IngestionStatements.TARGETS_BY_GOAL_KEY,
				Map.of("projectId", projectId, "names", List.of(goalKey)))) {
			targets.executeQuery().close();
		}
		Map<String, int[]> entries = new HashMap<>();
		try (ResultSet rs = select(connection, IngestionStatements.ASSIGNMENTS, new Object[] { testId },
				new ArrayList<>(visitorIds))) {
			while (rs.next()) {
				entries.put(rs.getString("visitor_id"), new int[] { rs.getInt("variant"), rs.getInt("entered_day") });
			}
		}
		phase = lap(nanos, phase, last);
		List<String> converting = batch.stream().filter(LiveEvent::goal).map(LiveEvent::visitorId).distinct().toList();
		Map<String, long[]> conversions = new HashMap<>();
		try (ResultSet rs = select(connection, IngestionStatements.CONVERSIONS, new Object[] { testId, goalId },
				converting)) {
			while (rs.next()) {
				conversions.put(rs.getString("visitor_id"), new long[] { rs.getLong("count") });
			}
		}
		phase = lap(nanos, phase, last);
		Map<Integer, long[]> entryDeltas = new HashMap<>();
		Map<Integer, long[]> converterDeltas = new HashMap<>();
		Map<String, Object[]> conversionRows = new HashMap<>();
		try (PreparedStatement log = connection.prepareStatement(IngestionStatements.INSERT_EVENT);
				PreparedStatement assignment = connection.prepareStatement(IngestionStatements.INSERT_ASSIGNMENT)) {
			for (LiveEvent event : batch) {
				if (event.goal()) {
					int[] entry = entries.get(event.visitorId());
					if (entry != null) {
						long[] count = conversions.computeIfAbsent(event.visitorId(), (v) -> {
							converterDeltas.computeIfAbsent(entry[0], (k) -> new long[1])[0]++;
							return new long[1];
						});
						count[0]++;
						conversionRows.put(event.visitorId(), new Object[] { testId, goalId, event.visitorId(),
								entry[0], entry[1], now, day, count[0], 0.0, 0L, 0L });
					}
				}
				else if (!entries.containsKey(event.visitorId())) {
					entries.put(event.visitorId(), new int[] { event.variant(), day });
					Object[] row = { testId, event.visitorId(), projectId, ordinal++, event.variant(), now, day,
							event.attributes()[0], event.attributes()[1], event.attributes()[2], event.attributes()[3],
							event.attributes()[4], event.attributes()[5], event.attributes()[6],
							event.attributes()[7] };
					bind(assignment, row);
					assignment.addBatch();
					entryDeltas.computeIfAbsent(event.variant(), (k) -> new long[1])[0]++;
				}
				bind(log, new Object[] { projectId, event.eventId(), now, now, event.goal() ? "goal" : "exposure",
						event.json() });
				log.addBatch();
			}
			last[0] = System.nanoTime();
			log.executeBatch();
			phase = lap(nanos, phase, last);
			assignment.executeBatch();
			phase = lap(nanos, phase, last);
		}
		try (PreparedStatement next = connection.prepareStatement(IngestionStatements.SET_NEXT_ORDINAL)) {
			next.setLong(1, ordinal);
			next.setLong(2, testId);
			next.executeUpdate();
		}
		try (PreparedStatement upsert = connection.prepareStatement(IngestionStatements.UPSERT_CONVERSION)) {
			for (Object[] row : conversionRows.values()) {
				bind(upsert, row);
				upsert.addBatch();
			}
			upsert.executeBatch();
		}
		try (PreparedStatement add = connection.prepareStatement(IngestionStatements.ADD_ENTRIES)) {
			for (Map.Entry<Integer, long[]> delta : entryDeltas.entrySet()) {
				// Shard 0: the one SQLite's single writer adds to.
				bind(add, new Object[] { testId, delta.getKey(), day, 0, delta.getValue()[0] });
				add.addBatch();
			}
			add.executeBatch();
		}
		try (PreparedStatement add = connection.prepareStatement(IngestionStatements.ADD_CONVERTERS)) {
			for (Map.Entry<Integer, long[]> delta : converterDeltas.entrySet()) {
				bind(add, new Object[] { testId, goalId, delta.getKey(), day, day, 0, delta.getValue()[0], 0L, 0L, 0.0,
						0L });
				add.addBatch();
			}
			add.executeBatch();
		}
		lap(nanos, phase, last);
		return ordinal;
	}

	/**
	 * One of the writer's {@code ... IN} statements: the leading parameters, then the
	 * values.
	 */
	private static ResultSet select(Connection connection, String prefix, Object[] leading, List<String> values)
			throws SQLException {
		if (values.isEmpty()) {
			values = List.of("");
		}
		PreparedStatement statement = connection
			.prepareStatement(IngestionStatements.withMarkers(prefix, values.size()));
		statement.closeOnCompletion();
		bind(statement, leading);
		for (int i = 0; i < values.size(); i++) {
			statement.setString(leading.length + i + 1, values.get(i));
		}
		return statement.executeQuery();
	}

	/**
	 * One of the writer's statements with named parameters, expanded and bound as its
	 * JdbcClient does.
	 */
	private static PreparedStatement named(Connection connection, String sql, Map<String, ?> parameters)
			throws SQLException {
		MapSqlParameterSource source = new MapSqlParameterSource(parameters);
		ParsedSql parsed = NamedParameterUtils.parseSqlStatement(sql);
		PreparedStatement statement = connection
			.prepareStatement(NamedParameterUtils.substituteNamedParameters(parsed, source));
		List<Object> values = new ArrayList<>();
		for (Object value : NamedParameterUtils.buildValueArray(parsed, source, null)) {
			if (value instanceof Collection<?> list) {
				values.addAll(list);
			}
			else {
				values.add(value);
			}
		}
		bind(statement, values.toArray());
		return statement;
	}

	private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
		for (int i = 0; i < values.length; i++) {
			statement.setObject(i + 1, values[i]);
		}
	}

	/** The database's own sustained rate for the writer's statements. */
	record RawRate(double eventsPerSecond, int eventsPerTransaction, long transactions,
			Map<String, Double> millisPerTransaction) {
	}

}
