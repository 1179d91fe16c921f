package dev.uplift.experiment;

import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serve Experiment Winner, Update Serving Rollout and Stop Experiment Serving
 * (docs/mida-v2-api.md §4.2): shapes, state conflicts and bad input.
 */
class ServingTests extends ExperimentIntegrationTest {

	@Test
	void serveWinnerThenRolloutThenStopKeepsTheRowAndShowsTheStateInDetailsAndLists() {
		long testId = createLive(2);
		Response served = serve(testId, Map.of("variant_id", "2", "traffic_allocation", 25));
		assertThat(served.status()).as(served.body()).isEqualTo(200);
		JsonNode body = served.json();
		assertThat(body.get("success").asBoolean()).isTrue();
		assertThat(body.get("test_id").asLong()).isEqualTo(testId);
		assertThat(body.get("serving_variant_id").asString()).isEqualTo("2");
		assertThat(body.get("traffic_allocation").asInt()).isEqualTo(25);
		assertThat(body.get("is_serving").asBoolean()).isTrue();
		assertThat(body.get("message").asString()).contains("25%");

		JsonNode details = details(testId);
		assertThat(details.get("serving_variant_id").asString()).isEqualTo("2");
		assertThat(details.get("is_serving").asBoolean()).isTrue();
		assertThat(details.get("serving_traffic_allocation").asInt()).isEqualTo(25);
		assertThat(details.get("is_deploy").asInt()).isZero();
		String deployedAt = details.get("deployed_at").asString();
		assertThat(deployedAt).isEqualTo(details.get("serving_since").asString());
		assertThat(details.get("status").asInt()).isEqualTo(1);
		assertThat(details.at("/configuration/traffic_allocation").asInt()).isEqualTo(100);
		JsonNode listed = listed(testId);
		assertThat(listed.get("serving_variant_id").asString()).isEqualTo("2");
		assertThat(listed.get("is_serving").asBoolean()).isTrue();

		Response rollout = this.api.patch(project("/experiment/" + testId + "/serving-rollout"),
				Map.of("traffic_allocation", 60.5));
		assertThat(rollout.status()).as(rollout.body()).isEqualTo(200);
		assertThat(rollout.json().get("traffic_allocation").asDouble()).isEqualTo(60.5);
		assertThat(rollout.json().get("is_serving").asBoolean()).isTrue();
		assertThat(rollout.json().get("message").asString()).isEqualTo("Serving rollout percentage updated.");
		assertThat(details(testId).get("serving_traffic_allocation").asDouble()).isEqualTo(60.5);

		Response stopped = stop(testId);
		assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
		assertThat(stopped.json().get("test_id").asLong()).isEqualTo(testId);
		assertThat(stopped.json().has("serving_variant_id")).isTrue();
		assertThat(stopped.json().get("serving_variant_id").isNull()).isTrue();
		assertThat(stopped.json().get("is_serving").asBoolean()).isFalse();
		JsonNode after = details(testId);
		assertThat(after.get("serving_variant_id").isNull()).isTrue();
		assertThat(after.get("is_serving").asBoolean()).isFalse();
		assertThat(after.get("serving_traffic_allocation").isNull()).isTrue();
		assertThat(after.get("deployed_at").asString()).isEqualTo(deployedAt);
		assertThat(after.get("status").asInt()).isEqualTo(1);

		// Serving again keeps the first deploy, which splits the report phases.
		assertThat(serve(testId, Map.of("serving_variant_id", "1")).status()).isEqualTo(200);
		JsonNode again = details(testId);
		assertThat(again.get("deployed_at").asString()).isEqualTo(deployedAt);
		assertThat(again.get("serving_variant_id").asString()).isEqualTo("1");
		// Without a rollout, the experiment's own traffic allocation.
		assertThat(again.get("serving_traffic_allocation").asInt()).isEqualTo(100);
	}

	@Test
	void serveWinnerWhenInactiveOrConcludedServesAndControlMayBeServed() {
		long paused = createLive(1);
		assertThat(setStatus(paused, 0).status()).isEqualTo(200);
		Response served = serve(paused, Map.of("variant_id", 0));
		assertThat(served.status()).as(served.body()).isEqualTo(200);
		assertThat(served.json().get("serving_variant_id").asString()).isEqualTo("0");

		long concluded = createLive(1);
		assertThat(this.api.post(project("/experiment/" + concluded + "/conclude"), Map.of()).status()).isEqualTo(200);
		assertThat(serve(concluded, Map.of("variant_id", "1", "traffic_allocation", 100)).status()).isEqualTo(200);
	}

	@Test
	void everyStateConflictIs409NamingTheState() {
		long draft = createDraft();
		assertConflict(serve(draft, Map.of("variant_id", "1")), "a draft", "is a draft (9)");
		assertConflict(rollout(draft, 50), "no winner", "serves no winner");
		assertConflict(stop(draft), "no winner", "serves no winner");

		long live = createLive(1);
		assertConflict(rollout(live, 50), "no winner", "serves no winner");
		assertConflict(stop(live), "no winner", "serves no winner");
		assertThat(serve(live, Map.of("variant_id", "1")).status()).isEqualTo(200);
		assertConflict(serve(live, Map.of("variant_id", "1")), "winner", "serves a winner already");
		assertConflict(serve(live, Map.of("variant_id", "0", "traffic_allocation", 10)), "winner",
				"serves a winner already");
		assertThat(setStatus(live, 0).status()).isEqualTo(200);
		assertConflict(setStatus(live, 9), "serving a winner", "stop serving first");
		assertThat(stop(live).status()).isEqualTo(200);
		assertConflict(stop(live), "no winner", "serves no winner");
		assertThat(setStatus(live, 9).status()).isEqualTo(200);
	}

	@Test
	void badInputIs400NamingTheFieldAndChangesNothing() {
		long testId = createLive(2);
		assertField(serve(testId, Map.of()), "variant_id", "variant_id is required");
		assertField(serve(testId, Map.of("traffic_allocation", 10)), "variant_id", "variant_id is required");
		assertField(serve(testId, Map.of("variant_id", "3")), "variant_id", "not a variant of experiment");
		assertField(serve(testId, Map.of("variant_id", "Variant 1")), "variant_id", "must be a variant index");
		assertField(serve(testId, Map.of("variant_id", "-1")), "variant_id", "must be a variant index");
		assertField(serve(testId, Map.of("serving_variant_id", "99999")), "serving_variant_id",
				"must be a variant index");
		assertField(serve(testId, Map.of("variant_id", "1", "serving_variant_id", "2")), "serving_variant_id",
				"different variants");
		assertField(serve(testId, Map.of("variant_id", "1", "traffic_allocation", 100.01)), "traffic_allocation",
				"from 0 to 100");
		assertField(serve(testId, Map.of("variant_id", "1", "traffic_allocation", -1)), "traffic_allocation",
				"from 0 to 100");
		Response text = serve(testId, Map.of("variant_id", "1", "traffic_allocation", "50"));
		assertThat(text.status()).as(text.body()).isEqualTo(400);
		assertThat(text.json().get("error").asString()).contains("traffic_allocation");
		assertThat(details(testId).get("is_serving").asBoolean()).isFalse();

		assertThat(serve(testId, Map.of("variant_id", "1", "traffic_allocation", 0)).status()).isEqualTo(200);
		assertField(rollout(testId, 101), "traffic_allocation", "from 0 to 100");
		assertField(this.api.patch(project("/experiment/" + testId + "/serving-rollout"), Map.of()),
				"traffic_allocation", "is required");
		assertThat(details(testId).get("serving_traffic_allocation").asInt()).isZero();
		assertThat(rollout(testId, 100).status()).isEqualTo(200);
	}

	@Test
	void unknownOrDeletedExperimentIs404AndABadTestIdIs400() {
		long testId = createLive(1);
		assertThat(this.api.delete(project("/experiment/" + testId)).status()).isEqualTo(200);
		for (Response response : new Response[] { serve(testId, Map.of("variant_id", "1")), rollout(testId, 10),
				stop(testId) }) {
			assertThat(response.status()).as(response.body()).isEqualTo(404);
			assertThat(response.json().get("error").asString()).isEqualTo("Experiment not found");
		}
		Response malformed = this.api.post(project("/experiment/abc/serve-winner"), Map.of("variant_id", "1"));
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.json().get("error").asString()).contains("test_id");
	}

	private long createLive(int treatments) {
		Map<String, Object> body = new HashMap<>(experiment(treatments));
		body.put("status", 1);
		return create(body);
	}

	private Response serve(long testId, Map<String, Object> body) {
		return this.api.post(project("/experiment/" + testId + "/serve-winner"), body);
	}

	private Response rollout(long testId, Object percent) {
		return this.api.patch(project("/experiment/" + testId + "/serving-rollout"),
				Map.of("traffic_allocation", percent));
	}

	private Response stop(long testId) {
		return this.api.post(project("/experiment/" + testId + "/stop-serving"), Map.of());
	}

	private JsonNode details(long testId) {
		return this.api.get(project("/experiment/" + testId)).json().get("experiment");
	}

	private JsonNode listed(long testId) {
		for (JsonNode item : this.api.get(project("/experiments?limit=500")).json().get("experiments")) {
			if (item.get("test_id").asLong() == testId) {
				return item;
			}
		}
		throw new AssertionError("experiment " + testId + " is not listed");
	}

	private static void assertConflict(Response response, String state, String message) {
		assertThat(response.status()).as(response.body()).isEqualTo(409);
		assertThat(response.json().get("error").asString()).contains(message).contains(state);
	}

	private static void assertField(Response response, String field, String message) {
		assertBadRequest(response, message);
		assertThat(response.json().get("error").asString()).contains(field);
	}

}
