package dev.uplift.tracking;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

import dev.uplift.tracking.BatchState.ConversionState;
import dev.uplift.tracking.BatchState.ConversionKey;
import dev.uplift.tracking.BatchState.Entry;
import dev.uplift.tracking.BatchState.EntryKey;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.uplift.tracking.IngestionStatements.ADD_CONVERTERS;
import static dev.uplift.tracking.IngestionStatements.ADD_ENTRIES;
import static dev.uplift.tracking.IngestionStatements.ASSIGNMENTS;
import static dev.uplift.tracking.IngestionStatements.CONVERSIONS;
import static dev.uplift.tracking.IngestionStatements.CURRENCY_RATES;
import static dev.uplift.tracking.IngestionStatements.REPORTING_CURRENCY;
import static dev.uplift.tracking.IngestionStatements.ADD_USAGE;
import static dev.uplift.tracking.IngestionStatements.DELETE_EVENTS;
import static dev.uplift.tracking.IngestionStatements.EXPERIMENTS;
import static dev.uplift.tracking.IngestionStatements.FIRST_ENTRY;
import static dev.uplift.tracking.IngestionStatements.INSERT_ASSIGNMENT;
import static dev.uplift.tracking.IngestionStatements.INSERT_EVENT;
import static dev.uplift.tracking.IngestionStatements.LOCK_PROJECT;
import static dev.uplift.tracking.IngestionStatements.RENUMBER_ASSIGNMENT;
import static dev.uplift.tracking.IngestionStatements.SET_NEXT_ORDINAL;
import static dev.uplift.tracking.IngestionStatements.SET_ORDERS_AFTER_DEPLOY;
import static dev.uplift.tracking.IngestionStatements.STORED_VARIANT;
import static dev.uplift.tracking.IngestionStatements.TARGETS_BY_EVENT_NAME;
import static dev.uplift.tracking.IngestionStatements.TARGETS_BY_GOAL_KEY;
import static dev.uplift.tracking.IngestionStatements.UPSERT_CONVERSION;
import static dev.uplift.tracking.IngestionStatements.WRITE_SEQ;
import static dev.uplift.tracking.IngestionStatements.withMarkers;

/**
 * The statements of the ingestion transaction ({@link IngestionStatements}); every write
 * is a JDBC batch.
 */
class JdbcIngestionRepository {

	// Keeps IN lists far below the bind-parameter limits of both databases.
	private static final int CHUNK = 5_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	JdbcIngestionRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * Takes the project's row lock: ingestion of one project is serialised across nodes
	 * until commit.
	 */
	void lockProject(long projectId) {
		this.template.update(LOCK_PROJECT, projectId);
	}

	/** The project's {@code write_seq}, read once its row lock is held. */
	long writeSeq(long projectId) {
		return this.template.queryForObject(WRITE_SEQ, Long.class, projectId);
	}

	Map<Long, ExperimentState> experiments(Collection<Long> testIds) {
		Map<Long, ExperimentState> experiments = new HashMap<>();
		for (List<Long> chunk : chunks(testIds)) {
			this.jdbc.sql(EXPERIMENTS).param("testIds", chunk).query((rs, row) -> {
				rs.getLong("deleted_at");
				boolean deleted = !rs.wasNull();
				int served = rs.getInt("serving_variant");
				int serving = rs.wasNull() ? -1 : served;
				return new ExperimentState(rs.getLong("id"), rs.getLong("project_id"), rs.getInt("status"), deleted,
						rs.getLong("next_ordinal"), rs.getInt("variant_count"), serving);
			}).list().forEach((experiment) -> experiments.put(experiment.testId(), experiment));
		}
		return experiments;
	}

	Map<String, List<GoalTarget>> targetsByGoalKey(long projectId, Collection<String> goalKeys) {
		return targets(TARGETS_BY_GOAL_KEY, projectId, goalKeys);
	}

	Map<String, List<GoalTarget>> targetsByEventName(long projectId, Collection<String> names) {
		return targets(TARGETS_BY_EVENT_NAME, projectId, names);
	}

	/** The project's reporting currency and the rates set for other currencies. */
	ProjectCurrencies currencies(long projectId) {
		String reporting = this.template.queryForObject(REPORTING_CURRENCY, String.class, projectId);
		Map<String, BigDecimal> rates = new HashMap<>();
		this.template.query(CURRENCY_RATES,
				(RowCallbackHandler) (rs) -> rates.put(rs.getString("currency"), new BigDecimal(rs.getString("rate"))),
				projectId);
		return new ProjectCurrencies(reporting, rates);
	}

	/** The entries of these visitors in one experiment, by primary key. */
	void loadAssignments(long testId, Collection<String> visitorIds, Map<EntryKey, Entry> into) {
		selectIn(ASSIGNMENTS, new Object[] { testId }, visitorIds, assignmentsInto(into));
	}

	void loadConversions(GoalTarget target, Collection<String> visitorIds, Map<ConversionKey, ConversionState> into) {
		selectIn(CONVERSIONS, new Object[] { target.testId(), target.goalId() }, visitorIds,
				conversionsInto(target, into));
	}

	/** Puts each row of assignments read into the map. */
	static RowCallbackHandler assignmentsInto(Map<EntryKey, Entry> into) {
		return (rs) -> into.put(new EntryKey(rs.getLong("test_id"), rs.getString("visitor_id")),
				new Entry(rs.getInt("variant"), rs.getLong("entered_at"), rs.getInt("entered_day")));
	}

	/** Puts each row of one target's conversions read into the map. */
	static RowCallbackHandler conversionsInto(GoalTarget target, Map<ConversionKey, ConversionState> into) {
		return (rs) -> into.put(new ConversionKey(target.testId(), target.goalId(), rs.getString("visitor_id")),
				new ConversionState(rs.getInt("variant"), rs.getInt("entered_day"), rs.getLong("first_converted_at"),
						rs.getInt("converted_day"), rs.getLong("count"), Math.round(rs.getDouble("revenue") * 100),
						rs.getLong("orders"), rs.getLong("excluded_orders"), rs.getLong("revenue_after_deploy_cents"),
						rs.getLong("orders_after_deploy"), rs.getLong("excluded_orders_after_deploy")));
	}

	/**
	 * Appends to the event log; per row, 1 when stored and 0 when its event id was there
	 * already.
	 */
	int[] insertEvents(List<Object[]> rows) {
		return batch(INSERT_EVENT, rows);
	}

	/**
	 * Adds events and bytes (negative to take them out) to the project's usage in the
	 * shard; returns the bytes the project's log keeps then.
	 */
	long addUsage(long projectId, int shard, long events, long bytes) {
		return this.template.queryForObject(ADD_USAGE, Long.class, projectId, shard, events, bytes);
	}

	/** Takes events out of the log again: those the batch refused after logging them. */
	void deleteEvents(long projectId, Collection<String> eventIds) {
		inChunks(DELETE_EVENTS, new Object[] { projectId }, eventIds, this.template::update);
	}

	/**
	 * Inserts entries; per row, 1 when stored and 0 when the visitor had entered the
	 * experiment already.
	 */
	int[] insertAssignments(List<Object[]> rows) {
		return batch(INSERT_ASSIGNMENT, rows);
	}

	/**
	 * Moves entries to other ordinals, each to one no entry holds; rows of (ordinal, test
	 * id, visitor id).
	 */
	void renumberAssignments(List<Object[]> rows) {
		batch(RENUMBER_ASSIGNMENT, rows);
	}

	void upsertConversions(List<Object[]> rows) {
		batch(UPSERT_CONVERSION, rows);
	}

	/**
	 * Sets the orders placed at or after the deploy of the visitors whose rows hold them;
	 * rows of (cents, orders, orders left out, test id, goal id, visitor id), each row
	 * upserted already.
	 */
	void setOrdersAfterDeploy(List<Object[]> rows) {
		batch(SET_ORDERS_AFTER_DEPLOY, rows);
	}

	void addEntries(List<Object[]> rows) {
		batch(ADD_ENTRIES, rows);
	}

	void addConverters(List<Object[]> rows) {
		batch(ADD_CONVERTERS, rows);
	}

	void setNextOrdinal(long testId, long nextOrdinal) {
		this.template.update(SET_NEXT_ORDINAL, nextOrdinal, testId);
	}

	/** The variant a visitor entered, if they did. */
	OptionalInt storedVariant(long testId, String visitorId) {
		return this.jdbc.sql(STORED_VARIANT)
			.param("testId", testId)
			.param("visitorId", visitorId)
			.query(Integer.class)
			.optional()
			.map(OptionalInt::of)
			.orElse(OptionalInt.empty());
	}

	/**
	 * When the visitor first entered any experiment of the project (epoch ms), if they
	 * ever did.
	 */
	OptionalLong firstEntry(long projectId, String visitorId) {
		return this.jdbc.sql(FIRST_ENTRY)
			.param("projectId", projectId)
			.param("visitorId", visitorId)
			.query((rs, row) -> {
				long first = rs.getLong(1);
				return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(first);
			})
			.single();
	}

	private Map<String, List<GoalTarget>> targets(String sql, long projectId, Collection<String> names) {
		Map<String, List<GoalTarget>> targets = new HashMap<>();
		for (List<String> chunk : chunks(names)) {
			this.jdbc.sql(sql).param("projectId", projectId).param("names", chunk).query((rs) -> {
				targets.computeIfAbsent(rs.getString("match_name"), (name) -> new ArrayList<>())
					.add(new GoalTarget(rs.getLong("test_id"), rs.getLong("goal_id"), deployedAt(rs)));
			});
		}
		return targets;
	}

	private static long deployedAt(ResultSet rs) throws SQLException {
		long deployedAt = rs.getLong("deployed_at");
		return rs.wasNull() ? GoalTarget.NEVER_DEPLOYED : deployedAt;
	}

	private void selectIn(String prefix, Object[] leading, Collection<String> values, RowCallbackHandler rows) {
		inChunks(prefix, leading, values, (sql, parameters) -> this.template.query(sql, parameters, rows));
	}

	/**
	 * Runs {@code prefix (?, ...)} for the values, in chunks, with the leading parameters
	 * first. Parameters are bound by their Java type: Spring's type inference per value
	 * cost a third of the writer's time (docs/performance.md).
	 */
	private static void inChunks(String prefix, Object[] leading, Collection<String> values,
			BiConsumer<String, PreparedStatementSetter> statement) {
		for (List<String> chunk : chunks(values)) {
			statement.accept(withMarkers(prefix, chunk.size()), (ps) -> {
				bind(ps, leading);
				for (int i = 0; i < chunk.size(); i++) {
					ps.setString(leading.length + i + 1, chunk.get(i));
				}
			});
		}
	}

	/**
	 * One JDBC batch of the statement, a row per element, each value bound by its Java
	 * type; returns the row counts.
	 */
	private int[] batch(String sql, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return new int[0];
		}
		return this.template.batchUpdate(sql, new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				bind(ps, rows.get(i));
			}

			@Override
			public int getBatchSize() {
				return rows.size();
			}

		});
	}

	private static void bind(PreparedStatement ps, Object[] values) throws SQLException {
		for (int i = 0; i < values.length; i++) {
			Object value = values[i];
			int index = i + 1;
			if (value instanceof String text) {
				ps.setString(index, text);
			}
			else if (value instanceof Long number) {
				ps.setLong(index, number);
			}
			else if (value instanceof Integer number) {
				ps.setInt(index, number);
			}
			else if (value instanceof Double number) {
				ps.setDouble(index, number);
			}
			else if (value == null) {
				ps.setNull(index, Types.NULL);
			}
			else {
				throw new IllegalArgumentException("No binding for " + value.getClass().getName());
			}
		}
	}

	private static <T> List<List<T>> chunks(Collection<T> values) {
		List<T> all = new ArrayList<>(values);
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += CHUNK) {
			chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
		}
		return chunks;
	}

	/**
	 * What the writer needs of an experiment referenced by an exposure; servingVariant is
	 * the arm served as the winner, or -1.
	 */
	record ExperimentState(long testId, long projectId, int status, boolean deleted, long nextOrdinal, int variantCount,
			int servingVariant) {
	}

	/**
	 * An experiment tracking a goal: where a conversion of that goal counts; deployedAt
	 * is when a winner of the experiment was first served, or {@link #NEVER_DEPLOYED}.
	 */
	record GoalTarget(long testId, long goalId, long deployedAt) {

		static final long NEVER_DEPLOYED = Long.MAX_VALUE;

	}

}
