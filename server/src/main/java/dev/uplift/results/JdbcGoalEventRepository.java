package dev.uplift.results;

import java.util.HashMap;
import java.util.Map;

import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The conversion events of a goal as the event log keeps them, with their properties, for
 * {@code event_attribute} (docs/decisions.md): read by scanning the project's goal and
 * named events.
 */
@Repository
class JdbcGoalEventRepository {

	// The log has no index by time or kind: this reads every goal and named event of the
	// project from the window's start (docs/performance.md).
	private static final String GOAL_EVENTS = """
			SELECT occurred_at, kind, body
			FROM event_log
			WHERE project_id = ? AND kind IN ('goal', 'event') AND occurred_at >= ?
			""";

	private static final int FETCH_SIZE = 10_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate streaming;

	JdbcGoalEventRepository(JdbcTemplate template) {
		this.streaming = new JdbcTemplate(template.getDataSource());
		this.streaming.setFetchSize(FETCH_SIZE);
	}

	/**
	 * The instants of every visitor's events of the goal, from {@code fromMillis} on,
	 * whose properties {@code attributes} keeps: {@code goal} events naming its key, and
	 * named events of its value.
	 */
	GoalEvents matching(long projectId, GoalSnapshot goal, long fromMillis, EventAttributes attributes) {
		Map<String, GoalEvents.Times> byVisitor = new HashMap<>();
		this.streaming.query(GOAL_EVENTS, (RowCallbackHandler) (rs) -> {
			JsonNode event = parse(rs.getString("body"));
			String name = "goal".equals(rs.getString("kind")) ? goal.goalKey() : goal.goalValue();
			String field = "goal".equals(rs.getString("kind")) ? "goal_key" : "name";
			JsonNode visitor = event.path("visitor_id");
			if (name.equals(event.path(field).stringValue(null)) && visitor.isString()
					&& attributes.matches(event.get("properties"))) {
				byVisitor.computeIfAbsent(visitor.stringValue(), (v) -> new GoalEvents.Times())
					.add(rs.getLong("occurred_at"));
			}
		}, projectId, fromMillis);
		return new GoalEvents(byVisitor);
	}

	private static JsonNode parse(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			// Every logged body was valid JSON when accepted.
			throw new IllegalStateException("An event of the log is not JSON", ex);
		}
	}

}
