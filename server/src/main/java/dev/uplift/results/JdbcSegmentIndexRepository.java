package dev.uplift.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the segment index is built and kept from: the committed entries and conversions of
 * an experiment, whole or by primary key, and the project's {@code write_seq}.
 */
@Repository
class JdbcSegmentIndexRepository {

	private static final String WRITE_SEQ = "SELECT write_seq FROM projects WHERE id = :projectId";

	private static final String ENTRY_ROWS = """
			SELECT ordinal, variant, entered_at,
			       device, browser, os, country, source, landing_page, utm_source, visitor_type, region, city
			FROM assignments
			WHERE\s""";

	// Revenue in cents rounded as the scan rounds it (JdbcResultRepository).
	private static final String CONVERSION_ROWS = """
			SELECT c.goal_id, a.ordinal, c.first_converted_at, a.variant,
			       CAST(ROUND(c.revenue * 100) AS BIGINT) AS revenue_cents, c.orders, c.excluded_orders,
			       a.device, a.browser, a.os, a.country, a.source, a.landing_page, a.utm_source, a.visitor_type,
			       a.region, a.city
			FROM conversions c
			JOIN assignments a ON a.test_id = c.test_id AND a.visitor_id = c.visitor_id
			WHERE\s""";

	private static final String ENTRIES = ENTRY_ROWS + "test_id = ?";

	private static final String CONVERSIONS = CONVERSION_ROWS + "c.test_id = ?";

	private static final String ENTRIES_OF_VISITORS = ENTRY_ROWS + "test_id = :testId AND visitor_id IN (:visitorIds)";

	private static final String CONVERSIONS_OF_VISITORS = CONVERSION_ROWS
			+ "c.test_id = :testId AND c.goal_id = :goalId AND c.visitor_id IN (:visitorIds)";

	// The oldest transaction still running when this transaction's snapshot was taken:
	// every transaction the snapshot does not see has this id or a later one.
	private static final String SNAPSHOT_XMIN = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

	private static final String ENTRIES_CHANGED = ENTRY_ROWS + "test_id = ? AND changed_xid >= ?";

	private static final String CONVERSIONS_CHANGED = CONVERSION_ROWS + "c.test_id = ? AND c.changed_xid >= ?";

	// Keeps IN lists far below the bind-parameter limits of both databases.
	private static final int CHUNK = 1_000;

	private static final int FETCH_SIZE = 10_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	JdbcSegmentIndexRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(template.getDataSource());
		this.streaming.setFetchSize(FETCH_SIZE);
	}

	long writeSeq(long projectId) {
		return this.jdbc.sql(WRITE_SEQ).param("projectId", projectId).query(Long.class).single();
	}

	/**
	 * PostgreSQL only: the xmin of the current transaction's snapshot, which must be
	 * REPEATABLE READ for the rows read after to match it.
	 */
	long snapshotXmin() {
		return this.jdbc.sql(SNAPSHOT_XMIN).query(Long.class).single();
	}

	/**
	 * PostgreSQL only: brings the index to the current snapshot from one whose xmin was
	 * {@code xmin}, by the entries and conversions the transactions since wrote
	 * ({@code changed_xid}, V27). Rows of transactions the older snapshot saw already may
	 * be read again: setting them again changes nothing.
	 */
	void loadChangedSince(ExperimentIndex index, long xmin) {
		this.streaming.query(ENTRIES_CHANGED, (RowCallbackHandler) (rs) -> addEntry(index, rs), index.testId(), xmin);
		this.streaming.query(CONVERSIONS_CHANGED, (RowCallbackHandler) (rs) -> setConversion(index, rs), index.testId(),
				xmin);
	}

	/** Adds every committed entry and conversion of the experiment to the index. */
	void load(ExperimentIndex index) {
		this.streaming.query(ENTRIES, (RowCallbackHandler) (rs) -> addEntry(index, rs), index.testId());
		this.streaming.query(CONVERSIONS, (RowCallbackHandler) (rs) -> setConversion(index, rs), index.testId());
	}

	/** Adds the committed entries of these visitors to the index. */
	void loadEntries(ExperimentIndex index, Collection<String> visitorIds) {
		for (List<String> chunk : chunks(visitorIds)) {
			this.jdbc.sql(ENTRIES_OF_VISITORS)
				.param("testId", index.testId())
				.param("visitorIds", chunk)
				.query((RowCallbackHandler) (rs) -> addEntry(index, rs));
		}
	}

	/** Sets the committed conversions of these visitors on the goal in the index. */
	void loadConversions(ExperimentIndex index, long goalId, Collection<String> visitorIds) {
		for (List<String> chunk : chunks(visitorIds)) {
			this.jdbc.sql(CONVERSIONS_OF_VISITORS)
				.param("testId", index.testId())
				.param("goalId", goalId)
				.param("visitorIds", chunk)
				.query((RowCallbackHandler) (rs) -> setConversion(index, rs));
		}
	}

	private static void addEntry(ExperimentIndex index, ResultSet rs) throws SQLException {
		index.addEntry(rs.getLong("ordinal"), rs.getInt("variant"), rs.getLong("entered_at"), Dimension.valuesOf(rs));
	}

	private static void setConversion(ExperimentIndex index, ResultSet rs) throws SQLException {
		index.setConversion(rs.getLong("goal_id"), rs.getLong("ordinal"), rs.getLong("first_converted_at"),
				rs.getInt("variant"), Dimension.valuesOf(rs), rs.getLong("revenue_cents"), rs.getLong("orders"),
				rs.getLong("excluded_orders"));
	}

	private static List<List<String>> chunks(Collection<String> values) {
		List<String> all = new ArrayList<>(values);
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += CHUNK) {
			chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
		}
		return chunks;
	}

}
