package dev.uplift.support;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** Creates experiments and goals through the API for tests, as a user would. */
public final class Experiments {

	private Experiments() {
	}

	/** A two-arm experiment with an inline primary goal; returns its test_id. */
	public static long create(ApiClient api, String projectPath, String name, String goalKey, int status) {
		Response goal = api.post(projectPath + "/goal",
				Map.of("goal_name", goalKey, "goal_key", goalKey, "goal_type", "clickOnElement", "goal_value", ".buy"));
		assertThat(goal.status()).as(goal.body()).isIn(200, 201);
		Response created = api.post(projectPath + "/create-experiment",
				Map.of("test_name", name, "url", "https://example.com/", "variants", List.of(Map.of("data", List.of())),
						"primary_goal_key", goalKey, "status", status));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("test_id").asLong();
	}

	/**
	 * What {@code /experiment/query} answers a server-side SDK for this visitor: the
	 * arm's name, or null when not bucketed.
	 */
	public static String sdkVersion(ApiClient anonymous, String projectKey, String experimentKey, String visitorId) {
		Response response = anonymous.post("/experiment/query",
				Map.of("key", projectKey, "experiment_key", experimentKey, "distinct_id", visitorId));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode version = response.json().get("version");
		return version.isNull() ? null : version.asString();
	}

	/** Creates the experiment from the body and starts it; returns its test_id. */
	public static long live(ApiClient api, String projectPath, Map<String, Object> body) {
		Response created = api.post(projectPath + "/create-experiment", body);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		long testId = created.json().get("test_id").asLong();
		assertThat(api.patch(projectPath + "/experiment/" + testId + "/status", Map.of("status", 1)).status())
			.isEqualTo(200);
		return testId;
	}

	/** Sends the events in one collect request and checks that every one is accepted. */
	public static void collectAll(ApiClient anonymous, String projectPath, List<Map<String, Object>> events) {
		Response collected = anonymous.post(projectPath + "/collect", Map.of("events", events));
		assertThat(collected.status()).isEqualTo(202);
		assertThat(collected.json().get("rejected").size()).as(collected.body()).isZero();
	}

}
