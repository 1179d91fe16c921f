package dev.uplift.tracking;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The custom events of the event log, as the Events API reads them, and the marks of
 * those it deleted (docs/decisions.md, events of the Events API).
 */
@Repository
class JdbcCustomEventRepository {

	private static final String PAGE = """
			SELECT e.event_id, e.occurred_at, e.body, 0 AS deleted
			FROM event_log e
			LEFT JOIN deleted_events d ON d.project_id = e.project_id AND d.event_id = e.event_id
			WHERE e.project_id = :projectId AND e.kind = 'event' AND d.event_id IS NULL
			AND e.occurred_at >= :from AND e.occurred_at < :to
			ORDER BY e.occurred_at DESC, e.event_id DESC
			LIMIT :limit OFFSET :offset
			""";

	private static final String ONE = """
			SELECT e.event_id, e.occurred_at, e.body,
			       CASE WHEN d.event_id IS NULL THEN 0 ELSE 1 END AS deleted
			FROM event_log e
			LEFT JOIN deleted_events d ON d.project_id = e.project_id AND d.event_id = e.event_id
			WHERE e.project_id = :projectId AND e.event_id = :eventId AND e.kind = 'event'
			""";

	private static final String MARK_DELETED = """
			INSERT INTO deleted_events (project_id, event_id, deleted_at) VALUES (:projectId, :eventId, :now)
			ON CONFLICT (project_id, event_id) DO NOTHING
			""";

	private static final String UNMARK_DELETED = """
			DELETE FROM deleted_events WHERE project_id = :projectId AND event_id = :eventId
			""";

	private final JdbcClient jdbc;

	JdbcCustomEventRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Not deleted custom events in {@code [from, to)}, newest first, rows {@code offset}
	 * to {@code offset + limit} of the log.
	 */
	List<LoggedEvent> page(long projectId, long from, long to, int limit, long offset) {
		return this.jdbc.sql(PAGE)
			.param("projectId", projectId)
			.param("from", from)
			.param("to", to)
			.param("limit", limit)
			.param("offset", offset)
			.query(LoggedEvent.class)
			.list();
	}

	Optional<LoggedEvent> find(long projectId, String eventId) {
		return this.jdbc.sql(ONE)
			.param("projectId", projectId)
			.param("eventId", eventId)
			.query(LoggedEvent.class)
			.optional();
	}

	/** Marks the event deleted; false when it was already. */
	boolean markDeleted(long projectId, String eventId, long now) {
		return this.jdbc.sql(MARK_DELETED)
			.param("projectId", projectId)
			.param("eventId", eventId)
			.param("now", now)
			.update() == 1;
	}

	void unmarkDeleted(long projectId, String eventId) {
		this.jdbc.sql(UNMARK_DELETED).param("projectId", projectId).param("eventId", eventId).update();
	}

	/**
	 * A custom event as the log keeps it.
	 *
	 * @param eventId its id in the log
	 * @param occurredAt its time (epoch ms)
	 * @param body its JSON text
	 * @param deleted 1 when deleted through the Events API
	 */
	record LoggedEvent(String eventId, long occurredAt, String body, int deleted) {
	}

}
