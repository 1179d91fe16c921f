package dev.uplift.experiment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code hash_seed} and {@code hash_version} of experiments (docs/assignment.md). */
class HashSeedTests extends ExperimentIntegrationTest {

	@Test
	void createWithoutSeedOrKeySeedsWithTheTestIdAndHashVersionTwo() {
		long testId = create(experiment(1));
		JsonNode details = details(testId);
		assertThat(details.get("hash_seed").asString()).isEqualTo(Long.toString(testId));
		assertThat(details.get("hash_version").asInt()).isEqualTo(2);
	}

	@Test
	void createWithKeyAndNoSeedSeedsWithTheKey() {
		String key = unique("seeded-by-key").toLowerCase();
		long testId = create(with(experiment(1), "experiment_key", key));
		assertThat(details(testId).get("hash_seed").asString()).isEqualTo(key);
	}

	@Test
	void createWithSeedKeepsItAndListsShowIt() {
		long testId = create(with(with(experiment(1), "experiment_key", unique("keyed").toLowerCase()), "hash_seed",
				"Checkout redesign 2026"));
		assertThat(details(testId).get("hash_seed").asString()).isEqualTo("Checkout redesign 2026");
		JsonNode listed = listed(testId);
		assertThat(listed.get("hash_seed").asString()).isEqualTo("Checkout redesign 2026");
		assertThat(listed.get("hash_version").asInt()).isEqualTo(2);
	}

	@Test
	void createWhenSeedIsInvalidReturns400NamingItAndStoresNothing() {
		for (Object seed : new Object[] { "", "   ", "s".repeat(101), 42, "tab\there" }) {
			String name = unique("Bad seed");
			Map<String, Object> body = with(experiment(1), "hash_seed", seed);
			body.put("test_name", name);
			Response response = this.api.post(project("/create-experiment"), body);
			assertBadRequest(response, "hash_seed");
			assertThat(this.api.get(project("/experiments?limit=500")).body()).doesNotContain(name);
		}
	}

	@Test
	void updateOfADraftChangesTheSeed() {
		long testId = create(experiment(1));
		Response response = this.api.patch(project("/experiment/" + testId), Map.of("hash_seed", "new-seed"));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(details(testId).get("hash_seed").asString()).isEqualTo("new-seed");
	}

	@Test
	void updateWhenLiveOrWithDataReturns409AndKeepsTheSeed() {
		long live = create(experiment(1));
		setStatus(live, 1);
		Response response = this.api.patch(project("/experiment/" + live), Map.of("hash_seed", "moved"));
		assertThat(response.status()).as(response.body()).isEqualTo(409);
		assertThat(response.json().get("error").asString()).contains("hash_seed");
		assertThat(details(live).get("hash_seed").asString()).isEqualTo(Long.toString(live));
		// The same seed again changes nothing, so it is not a conflict.
		assertThat(this.api.patch(project("/experiment/" + live), Map.of("hash_seed", Long.toString(live))).status())
			.isEqualTo(200);

		Response collected = this.anonymous.post(project("/collect"),
				Map.of("events", List.of(Events.exposure("seed-exposure-" + live, "seed-visitor", live, 0))));
		assertThat(collected.status()).as(collected.body()).isEqualTo(202);
		setStatus(live, 0);
		setStatus(live, 9);
		Response afterData = this.api.patch(project("/experiment/" + live), Map.of("hash_seed", "moved"));
		assertThat(afterData.status()).as(afterData.body()).isEqualTo(409);
		assertThat(afterData.json().get("error").asString()).contains("collected data");
	}

	private JsonNode details(long testId) {
		Response response = this.api.get(project("/experiment/" + testId));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("experiment");
	}

	private JsonNode listed(long testId) {
		for (JsonNode item : this.api.get(project("/experiments?limit=500")).json().get("experiments")) {
			if (item.get("test_id").asLong() == testId) {
				return item;
			}
		}
		throw new AssertionError("experiment " + testId + " is not listed");
	}

	private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
		Map<String, Object> copy = new HashMap<>(body);
		copy.put(field, value);
		return copy;
	}

}
