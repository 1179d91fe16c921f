package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers of the experiment and goal tests, which share the bootstrap project and so use
 * unique names.
 */
abstract class ExperimentIntegrationTest extends IntegrationTest {

	private static final AtomicInteger sequence = new AtomicInteger();

	/** A name or key no other test uses. */
	static String unique(String prefix) {
		return prefix + "_" + System.nanoTime() % 1_000_000_000L + "_" + sequence.incrementAndGet();
	}

	/** A minimal valid create-experiment body with this many treatments. */
	static Map<String, Object> experiment(int treatments) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("test_name", unique("Test"));
		body.put("url", "https://example.com/pricing");
		List<Map<String, Object>> variants = new ArrayList<>();
		for (int i = 1; i <= treatments; i++) {
			variants.add(Map.of("name", "Variant " + i, "data", List.of()));
		}
		body.put("variants", variants);
		return body;
	}

	/** Creates an experiment and returns its test id. */
	long create(Map<String, Object> body) {
		Response response = this.api.post(project("/create-experiment"), body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("test_id").asLong();
	}

	long createDraft() {
		return create(experiment(1));
	}

	Response setStatus(long testId, Object status) {
		return this.api.patch(project("/experiment/" + testId + "/status"), Map.of("status", status));
	}

	/** Creates a goal and returns its id. */
	long createGoal(String name, String type, String value) {
		Response response = this.api.post(project("/goal"),
				Map.of("goal_name", name, "goal_type", type, "goal_value", value));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("goal_profile_id").asLong();
	}

	static void assertBadRequest(Response response, String message) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("success").asBoolean()).isFalse();
		assertThat(response.json().get("error").asString()).contains(message);
	}

}
