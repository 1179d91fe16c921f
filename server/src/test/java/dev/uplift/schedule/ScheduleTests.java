package dev.uplift.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.uplift.experiment.CompletionReason;
import dev.uplift.experiment.ExperimentSchedules;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled starts and ends, and completion rules, through the API: what a client sends
 * is what details show, the runner makes each move once, and bad schedules are refused
 * naming the field.
 */
class ScheduleTests extends IntegrationTest {

	@Autowired
	private ScheduleRunner runner;

	@Autowired
	private ExperimentSchedules schedules;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aDraftStartsOnceItsStartHasComeAndOnlyOnce() {
		long future = create(draft(Map.of("start_test_date", "2099-01-01T09:00:00Z")));
		long due = create(draft(Map.of("start_test_date", "2026-01-01")));
		assertThat(details(due).at("/configuration/start_test_date").asString()).isEqualTo("2026-01-01T00:00:00.000Z");
		this.runner.run();
		JsonNode started = details(due);
		assertThat(started.get("status").asInt()).isEqualTo(1);
		assertThat(started.get("started_at").isString()).isTrue();
		assertThat(details(future).get("status").asInt()).isEqualTo(9);
		// Paused by hand, it is not started again by the same date.
		assertThat(this.api.patch(project("/experiment/" + due + "/status"), Map.of("status", 0)).status())
			.isEqualTo(200);
		this.runner.run();
		assertThat(details(due).get("status").asInt()).isEqualTo(0);
		assertThat(details(due).get("started_at").asString()).isEqualTo(started.get("started_at").asString());
	}

	@Test
	void aLiveExperimentIsConcludedAtItsEndDate() {
		long testId = create(live(Map.of("end_test_date", Instant.now().plus(Duration.ofHours(1)).toString())));
		this.runner.run();
		assertThat(details(testId).get("is_completed").asInt()).isZero();
		// The hour has passed.
		this.jdbc.sql("UPDATE experiment_schedules SET end_at = :at WHERE test_id = :id")
			.param("at", Instant.now().minusSeconds(1).toEpochMilli())
			.param("id", testId)
			.update();
		this.runner.run();
		JsonNode concluded = details(testId);
		assertThat(concluded.get("status").asInt()).isZero();
		assertThat(concluded.get("is_completed").asInt()).isEqualTo(1);
		assertThat(concluded.get("completed_by").asString()).isEqualTo("end_test_date");
		assertThat(concluded.get("end_date").isString()).isTrue();
	}

	@Test
	void aPeriodCountsFromTheFirstStart() {
		long testId = create(live(Map.of("completion_after_period", 3)));
		this.runner.run();
		assertThat(details(testId).get("is_completed").asInt()).isZero();
		// Three days and a minute ago.
		this.jdbc.sql("UPDATE experiment_schedules SET started_at = :at WHERE test_id = :id")
			.param("at", Instant.now().minus(Duration.ofDays(3).plusMinutes(1)).toEpochMilli())
			.param("id", testId)
			.update();
		this.runner.run();
		assertThat(details(testId).get("completed_by").asString()).isEqualTo("completion_after_period");
	}

	@Test
	void anExperimentIsConcludedAtItsVisitorCount() {
		long testId = create(live(Map.of("completion_visitor", 3)));
		expose(testId, "cv-1", "cv-2");
		this.runner.run();
		assertThat(details(testId).get("is_completed").asInt()).isZero();
		expose(testId, "cv-3");
		this.runner.run();
		JsonNode concluded = details(testId);
		assertThat(concluded.get("is_completed").asInt()).isEqualTo(1);
		assertThat(concluded.get("completed_by").asString()).isEqualTo("completion_visitor");
	}

	@Test
	void anExperimentIsConcludedWhenItsEngineDecides() {
		long testId = create(live(Map.of("completion_stats_significant_flag", 1)));
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			String visitor = "sig-" + testId + "-" + i;
			int variant = i % 2;
			events.add(Events.exposure("x-" + visitor, visitor, testId, variant));
			// Control converts 5% of its visitors, the treatment 50%.
			if ((variant == 0 && i % 40 == 0) || (variant == 1 && i % 4 == 1)) {
				events.add(Events.goal("g-" + visitor, visitor, goalKey(testId)));
			}
		}
		Events.batches(events, 500)
			.forEach((batch) -> assertThat(this.anonymous.post(project("/collect"), batch).status()).isEqualTo(202));
		this.runner.run();
		assertThat(details(testId).get("completed_by").asString()).isEqualTo("completion_stats_significant_flag");
	}

	@Test
	void nodesConcludingTogetherConcludeOnce() throws Exception {
		long testId = create(live(Map.of()));
		ExecutorService nodes = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Boolean>> attempts = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				attempts.add(() -> this.schedules.conclude(testId, CompletionReason.COMPLETION_VISITOR));
			}
			long concluded = 0;
			for (Future<Boolean> attempt : nodes.invokeAll(attempts)) {
				concluded += attempt.get() ? 1 : 0;
			}
			assertThat(concluded).isEqualTo(1);
		}
		finally {
			nodes.shutdown();
		}
		assertThat(details(testId).get("completed_by").asString()).isEqualTo("completion_visitor");
	}

	@Test
	void badSchedulesAreRefusedNamingTheField() {
		refused(draft(Map.of("start_test_date", "next monday")), "configuration.start_test_date");
		refused(draft(Map.of("start_test_date", 20270101)), "configuration.start_test_date");
		refused(draft(Map.of("end_test_date", "+999999999-12-31")), "configuration.end_test_date");
		refused(draft(Map.of("end_test_date", "2020-01-01T00:00:00Z")), "configuration.end_test_date");
		refused(draft(Map.of("start_test_date", "2099-02-01", "end_test_date", "2099-01-01")),
				"configuration.end_test_date");
		refused(draft(Map.of("completion_visitor", -1)), "configuration.completion_visitor");
		refused(draft(Map.of("completion_after_period", 100000)), "configuration.completion_after_period");
		refused(live(Map.of("start_test_date", "2099-01-01")), "configuration.start_test_date");
		refused(draft(Map.of("completion_stats_significant_flag", 1, "bayesian", 0, "sequential", 0)),
				"configuration.completion_stats_significant_flag");
	}

	@Test
	void aStartCannotBeSetOnALiveExperimentNorAnythingOnAConcludedOne() {
		long testId = create(live(Map.of()));
		Response start = this.api.patch(project("/experiment/" + testId),
				Map.of("configuration", Map.of("start_test_date", "2099-01-01")));
		assertThat(start.status()).as(start.body()).isEqualTo(409);
		assertThat(this.api.post(project("/experiment/" + testId + "/conclude"), Map.of()).status()).isEqualTo(200);
		Response end = this.api.patch(project("/experiment/" + testId),
				Map.of("configuration", Map.of("end_test_date", "2099-01-01")));
		assertThat(end.status()).as(end.body()).isEqualTo(409);
		assertThat(details(testId).get("completed_by").isNull()).isTrue();
	}

	@Test
	void anUpdateChangesAndClearsTheSchedule() {
		long testId = create(draft(Map.of("start_test_date", "2099-01-01T10:00:00+02:00", "completion_visitor", 10)));
		assertThat(details(testId).at("/configuration/start_test_date").asString())
			.isEqualTo("2099-01-01T08:00:00.000Z");
		Map<String, Object> clear = new LinkedHashMap<>();
		clear.put("start_test_date", null);
		clear.put("completion_visitor", 0);
		Response cleared = this.api.patch(project("/experiment/" + testId), Map.of("configuration", clear));
		assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
		JsonNode configuration = details(testId).get("configuration");
		assertThat(configuration.get("start_test_date").isNull()).isTrue();
		assertThat(configuration.get("completion_visitor").asLong()).isZero();
	}

	private Map<String, Object> draft(Map<String, Object> configuration) {
		return body(configuration, 9);
	}

	private Map<String, Object> live(Map<String, Object> configuration) {
		return body(configuration, 1);
	}

	private Map<String, Object> body(Map<String, Object> configuration, int status) {
		String goalKey = "schedule_goal_" + System.nanoTime();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("test_name", "Scheduled");
		body.put("url", "https://example.com/scheduled");
		body.put("status", status);
		body.put("variants", List.of(Map.of("name", "Variant 1")));
		body.put("primary_goal",
				Map.of("goal_name", goalKey, "goal_key", goalKey, "goal_type", "clickOnElement", "goal_value", ".buy"));
		body.put("configuration", configuration);
		return body;
	}

	private long create(Map<String, Object> body) {
		Response created = this.api.post(project("/create-experiment"), body);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("test_id").asLong();
	}

	private void refused(Map<String, Object> body, String field) {
		Response response = this.api.post(project("/create-experiment"), body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("'" + field + "'");
	}

	private JsonNode details(long testId) {
		Response response = this.api.get(project("/experiment/" + testId));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("experiment");
	}

	private String goalKey(long testId) {
		return details(testId).at("/primary_goal/goal_key").asString();
	}

	private void expose(long testId, String... visitors) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (String visitor : visitors) {
			events.add(Events.exposure("x-" + testId + "-" + visitor, testId + "-" + visitor, testId, 0));
		}
		assertThat(this.anonymous.post(project("/collect"), Map.of("events", events)).status()).isEqualTo(202);
	}

}
