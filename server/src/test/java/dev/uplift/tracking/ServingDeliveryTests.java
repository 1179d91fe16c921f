package dev.uplift.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import dev.uplift.assignment.Bucketing;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A served winner as the browser script and the SDKs receive it: {@code client-config}
 * names it with its rollout, and {@code /experiment/query} answers it to the rollout
 * share only, by {@link Bucketing#inRollout}, and nothing to the rest.
 */
class ServingDeliveryTests extends IntegrationTest {

	private static final AtomicInteger sequence = new AtomicInteger();

	@Autowired
	private JdbcClient jdbc;

	@Test
	void queryWhenServingAnswersTheWinnerToTheRolloutShareOnlyAndEntersOnlyThem() {
		String key = "serving-" + System.nanoTime() + "-" + sequence.incrementAndGet();
		long testId = createLive(key);
		// Entered before serving: their arm stays stored, the rollout decides what
		// they get.
		List<String> before = List.of("early-1", "early-2", "early-3", "early-4", "early-5", "early-6");
		before.forEach((visitor) -> assertThat(version(key, visitor)).isNotNull());
		assertThat(serve(testId, Map.of("variant_id", "2", "traffic_allocation", 30)).status()).isEqualTo(200);

		JsonNode listed = experiment(testId);
		assertThat(listed.at("/serving/variant_id").asString()).isEqualTo("2");
		assertThat(listed.at("/serving/rollout").asInt()).isEqualTo(30);

		int visitors = 1000;
		int served = 0;
		List<String> winners = new ArrayList<>();
		for (int i = 0; i < visitors; i++) {
			String visitor = "rollout-" + i;
			boolean in = Bucketing.inRollout(key, visitor, 30);
			String version = version(key, visitor);
			assertThat(version).as(visitor).isEqualTo(in ? "Variant 2" : null);
			if (in) {
				served++;
				winners.add(visitor);
			}
		}
		// Binomial(1000, 0.3): standard deviation 14.5. The ids are fixed, so is the
		// share; 6 standard deviations leave it no room to be near the edge by chance.
		assertThat(served).isBetween(300 - 87, 300 + 87);
		for (int i = 0; i < 50; i++) {
			String visitor = "rollout-" + i;
			assertThat(version(key, visitor)).as("the same answer again")
				.isEqualTo(Bucketing.inRollout(key, visitor, 30) ? "Variant 2" : null);
		}
		for (String visitor : before) {
			assertThat(version(key, visitor)).isEqualTo(Bucketing.inRollout(key, visitor, 30) ? "Variant 2" : null);
		}
		// Only the rollout share entered during serving, all on the winner.
		Map<Integer, Long> entered = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT variant, COUNT(*) AS n FROM assignments WHERE test_id = ? AND visitor_id LIKE ? "
					+ "GROUP BY variant")
			.params(testId, "rollout-%")
			.query((rs) -> {
				entered.put(rs.getInt("variant"), rs.getLong("n"));
			});
		assertThat(entered).isEqualTo(Map.of(2, (long) served));

		// Stopping serving gives the split back, and the stored arms with it.
		assertThat(this.api.post(project("/experiment/" + testId + "/stop-serving"), Map.of()).status()).isEqualTo(200);
		assertThat(experiment(testId).has("serving")).isFalse();
		for (String visitor : winners.subList(0, 5)) {
			assertThat(version(key, visitor)).isEqualTo("Variant 2");
		}
	}

	@Test
	void clientConfigWhenServingListsAPausedOrConcludedExperimentAndStoppingRemovesIt() {
		String key = "serving-paused-" + System.nanoTime() + "-" + sequence.incrementAndGet();
		long testId = createLive(key);
		assertThat(this.api.post(project("/experiment/" + testId + "/conclude"), Map.of()).status()).isEqualTo(200);
		assertThat(experimentOrNull(testId)).isNull();
		assertThat(serve(testId, Map.of("variant_id", "1", "traffic_allocation", 100)).status()).isEqualTo(200);
		JsonNode listed = experiment(testId);
		assertThat(listed.get("status").asString()).isEqualTo("inactive");
		assertThat(listed.at("/serving/variant_id").asString()).isEqualTo("1");
		assertThat(version(key, "anyone")).isEqualTo("Variant 1");
		assertThat(this.api.post(project("/experiment/" + testId + "/stop-serving"), Map.of()).status()).isEqualTo(200);
		assertThat(experimentOrNull(testId)).isNull();
		assertThat(version(key, "anyone")).isNull();
	}

	@Test
	void resultSplitsPhasesAtTheFirstServingAndDefaultsToPreDeployWhileServing() {
		String key = "serving-phases-" + System.nanoTime() + "-" + sequence.incrementAndGet();
		String event = key + "-purchase";
		long testId = createLive(key, event);
		// Before serving: two visitors enter, one converts then, the other only after.
		String early = firstIn(key, 0, "early-a", true);
		String late = firstIn(key, 0, "early-b", true);
		convert(early, event);
		JsonNode unserved = result(testId, "");
		assertThat(unserved.get("report_phase").asString()).isEqualTo("all_time");
		assertThat(unserved.get("is_serving").asBoolean()).isFalse();
		assertThat(unserved.has("serving_variant_id")).isFalse();
		assertThat(unserved.has("deployed_at")).isFalse();
		assertThat(result(testId, "?report_phase=post_deploy").get("total_visitors").asLong()).isZero();
		assertThat(result(testId, "?report_phase=pre_deploy").get("total_visitors").asLong()).isEqualTo(2);

		assertThat(serve(testId, Map.of("variant_id", "1", "traffic_allocation", 50)).status()).isEqualTo(200);
		convert(late, event);
		// After: two visitors of the rollout enter on the winner, one converts.
		String winner = firstIn(key, 0, "after-a", false);
		firstIn(key, 0, "after-b", false);
		convert(winner, event);

		JsonNode pre = result(testId, "");
		assertThat(pre.get("report_phase").asString()).isEqualTo("pre_deploy");
		assertThat(pre.get("is_serving").asBoolean()).isTrue();
		assertThat(pre.get("serving_variant_id").asString()).isEqualTo("1");
		assertThat(pre.get("deployed_at").asString()).isNotEmpty();
		assertThat(pre.get("total_visitors").asLong()).isEqualTo(2);
		assertThat(pre.get("total_conversions").asLong()).as("the late conversion is after the deploy").isEqualTo(1);
		JsonNode post = result(testId, "?report_phase=post_deploy");
		assertThat(post.get("report_phase").asString()).isEqualTo("post_deploy");
		assertThat(post.get("total_visitors").asLong()).isEqualTo(2);
		assertThat(post.get("total_conversions").asLong()).isEqualTo(1);
		assertThat(post.at("/variants/1/visitors").asLong()).isEqualTo(2);
		assertThat(post.at("/srm/detected").asBoolean()).as("only the winner enters while serving").isFalse();
		JsonNode all = result(testId, "?report_phase=all_time");
		assertThat(all.get("total_visitors").asLong()).isEqualTo(4);
		assertThat(all.get("total_conversions").asLong()).isEqualTo(3);
	}

	@Test
	void collectWhileServingEntersOnlyTheWinnerAndIgnoresAStaleArm() {
		String key = "serving-collect-" + System.nanoTime() + "-" + sequence.incrementAndGet();
		long testId = createLive(key);
		assertThat(serve(testId, Map.of("variant_id", "2", "traffic_allocation", 50)).status()).isEqualTo(200);
		Response collected = this.anonymous.post(project("/collect"), Map.of("events", List
			.of(Events.exposure(key + "-e1", "stale", testId, 1), Events.exposure(key + "-e2", "served", testId, 2))));
		assertThat(collected.status()).as(collected.body()).isEqualTo(202);
		assertThat(collected.json().get("accepted").asInt()).isEqualTo(2);
		List<String> entered = this.jdbc.sql("SELECT visitor_id FROM assignments WHERE test_id = ?")
			.param(testId)
			.query(String.class)
			.list();
		assertThat(entered).containsExactly("served");
		// Imports carry history and are taken as they come.
		Response imported = this.api.send("POST", project("/import"), "application/x-ndjson",
				"{\"type\":\"exposure\",\"event_id\":\"" + key + "-e3\",\"visitor_id\":\"old\",\"test_id\":" + testId
						+ ",\"variant_id\":\"1\",\"ts\":" + System.currentTimeMillis() + "}");
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT variant FROM assignments WHERE test_id = ? AND visitor_id = 'old'")
			.param(testId)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	/**
	 * The first of the visitors {@code prefix-0}, {@code prefix-1}, ... that query
	 * enters: any before serving, one of the rollout after.
	 */
	private String firstIn(String key, int from, String prefix, boolean beforeServing) {
		for (int i = from; i < 1000; i++) {
			String visitor = prefix + "-" + i;
			if (beforeServing || Bucketing.inRollout(key, visitor, 50)) {
				assertThat(version(key, visitor)).as(visitor).isNotNull();
				return visitor;
			}
		}
		throw new AssertionError("no visitor in the rollout");
	}

	private void convert(String visitor, String event) {
		Response response = this.anonymous.post("/experiment/event",
				Map.of("key", PROJECT_KEY, "name", event, "distinct_id", visitor));
		assertThat(response.status()).as(response.body()).isEqualTo(202);
	}

	private JsonNode result(long testId, String query) {
		Response response = this.api.get(project("/experiment/" + testId + "/result" + query));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private long createLive(String key) {
		return createLive(key, null);
	}

	private long createLive(String key, String event) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("test_name", key);
		body.put("experiment_key", key);
		body.put("url", "https://shop.example/pricing");
		body.put("variants", List.of(Map.of("data", List.of()), Map.of("data", List.of())));
		body.put("status", 1);
		if (event != null) {
			body.put("primary_goal", Map.of("goal_name", event, "goal_type", "event", "goal_value", event));
		}
		Response created = this.api.post(project("/create-experiment"), body);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("test_id").asLong();
	}

	private Response serve(long testId, Map<String, Object> body) {
		return this.api.post(project("/experiment/" + testId + "/serve-winner"), body);
	}

	private String version(String experimentKey, String visitorId) {
		return Experiments.sdkVersion(this.anonymous, PROJECT_KEY, experimentKey, visitorId);
	}

	private JsonNode experiment(long testId) {
		JsonNode found = experimentOrNull(testId);
		assertThat(found).as("experiment " + testId + " in client-config").isNotNull();
		return found;
	}

	private JsonNode experimentOrNull(long testId) {
		for (JsonNode experiment : this.anonymous.get(project("/client-config")).json().get("experiments")) {
			if (experiment.get("test_id").asLong() == testId) {
				return experiment;
			}
		}
		return null;
	}

}
