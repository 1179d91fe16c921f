package dev.uplift.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention deletes old raw events, in chunks, and leaves the results as they were.
 */
@TestPropertySource(properties = "uplift.operations.retention-days=30")
class RetentionTests extends IntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final long DAY = 86_400_000L;

	@Autowired
	private EventRetention retention;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void eventsOlderThanTheRetentionPeriodGoAndResultsStay() {
		long testId = Experiments.create(this.api, project(""), "Retention", "retention-goal", 1);
		long now = System.currentTimeMillis();
		int old = EventRetention.CHUNK + 7;
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < old; i++) {
			events.add(Events.at(Events.exposure("rt-old-" + i, "rt-" + i, testId, i % 2), now - 60 * DAY + i));
		}
		for (int i = 0; i < 20; i++) {
			events.add(Events.at(Events.goal("rt-goal-" + i, "rt-" + i, "retention-goal"), now - 10 * DAY));
		}
		String lines = events.stream().map(json::writeValueAsString).collect(Collectors.joining("\n"));
		assertThat(this.api.send("POST", project("/import"), "application/x-ndjson", lines)
			.json()
			.get("rejected")
			.asLong()).isZero();
		String before = this.api.get(project("/experiment/" + testId + "/result")).body();

		// The suite's tests share one database: theirs may be old too.
		assertThat(this.retention.purge()).isGreaterThanOrEqualTo(old);

		assertThat(loggedEvents("rt-old-%")).isZero();
		assertThat(loggedEvents("rt-goal-%")).isEqualTo(20);
		assertThat(this.api.get(project("/experiment/" + testId + "/result")).body()).isEqualTo(before);
		assertThat(this.retention.purge()).isZero();
		// The storage usage of every project is what its log keeps (docs/operations.md).
		assertThat(perProject("""
				SELECT project_id, SUM(events), SUM(bytes) FROM project_usage
				GROUP BY project_id HAVING SUM(events) <> 0 ORDER BY project_id
				""")).isEqualTo(perProject("""
				SELECT project_id, COUNT(*), SUM(octet_length(body)) FROM event_log
				GROUP BY project_id ORDER BY project_id
				"""));
	}

	/** Rows of (project, events, bytes), as text. */
	private List<String> perProject(String sql) {
		return this.jdbc.sql(sql)
			.query((rs, row) -> rs.getLong(1) + ": " + rs.getLong(2) + " events, " + rs.getLong(3) + " bytes")
			.list();
	}

	private long loggedEvents(String pattern) {
		return this.jdbc.sql("SELECT COUNT(*) FROM event_log WHERE event_id LIKE ?")
			.param(pattern)
			.query(Long.class)
			.single();
	}

}
