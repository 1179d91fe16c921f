package dev.uplift.operations;

import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a project's event log (the tracking feature's table, append-only) in time order,
 * a row at a time.
 */
@Repository
class JdbcEventExportRepository {

	/**
	 * Events of the same instant (a browser's batch of an exposure and a click) come
	 * exposures first: the log keeps no order within a batch on PostgreSQL, and an import
	 * counts a conversion only after the entry before it. A conversion sent before its
	 * exposure in the very same millisecond, which did not count, would count in a copy.
	 */
	private static final String EVENTS = """
			SELECT event_id, occurred_at, body FROM event_log
			WHERE project_id = :projectId
			ORDER BY occurred_at, received_at, CASE kind WHEN 'exposure' THEN 0 ELSE 1 END, event_id
			""";

	/**
	 * Rows fetched at once: PostgreSQL streams through a cursor of this size (in a
	 * transaction), SQLite steps through the result anyway.
	 */
	private static final int FETCH_SIZE = 1_000;

	private final JdbcClient jdbc;

	JdbcEventExportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Hands each logged event of the project to the consumer, oldest first. */
	void forEachEvent(long projectId, Consumer<LoggedEvent> consumer) {
		this.jdbc.sql(EVENTS).withFetchSize(FETCH_SIZE).param("projectId", projectId).query((rs) -> {
			consumer.accept(new LoggedEvent(rs.getString("event_id"), rs.getLong("occurred_at"), rs.getString("body")));
		});
	}

	/** An event as the log keeps it. */
	record LoggedEvent(String eventId, long occurredAt, String body) {
	}

}
