package dev.uplift.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import dev.uplift.assignment.Bucketing;
import dev.uplift.support.ApiClient.Response;
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
		// Entered before serving: their arm stays stored, the rollout decides what they
		// get.
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
		// Binomial(1000, 0.3): standard deviation 14.5; the ids are fixed, so the share
		// is
		// too, and 6 standard deviations leave it no room to be near the edge by chance.
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

	private long createLive(String key) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("test_name", key);
		body.put("experiment_key", key);
		body.put("url", "https://shop.example/pricing");
		body.put("variants", List.of(Map.of("data", List.of()), Map.of("data", List.of())));
		body.put("status", 1);
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
