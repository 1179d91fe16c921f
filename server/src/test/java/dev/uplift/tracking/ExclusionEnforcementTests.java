package dev.uplift.tracking;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import dev.uplift.assignment.ExclusionSlice;
import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exclusion groups as the browser script reads them from client-config and as the SDK
 * query enforces them.
 */
class ExclusionEnforcementTests extends IntegrationTest {

	private static final AtomicInteger sequence = new AtomicInteger();

	@Test
	void clientConfigListsEveryGroupOfALiveExperimentWithItsWholeMembership() {
		long first = experiment(1);
		long second = experiment(1);
		long draft = experiment(9);
		long groupId = group(List.of(Map.of("test_id", first, "percent", 20), Map.of("test_id", second, "percent", 30),
				Map.of("test_id", draft, "percent", 50)));
		long draftsOnly = group(List.of(Map.of("test_id", experiment(9)), Map.of("test_id", experiment(9))));
		Response before = this.anonymous.get(project("/client-config"));
		JsonNode listed = listed(before.json(), groupId);
		assertThat(listed.toString()).isEqualTo("{\"group_id\":" + groupId + ",\"test_ids\":[" + first + "," + second
				+ "," + draft + "],\"percents\":[20,30,50]}");
		assertThat(listed(before.json(), draftsOnly)).isNull();

		Response patched = this.api.patch(project("/exclusion-groups/" + groupId),
				Map.of("tests", List.of(Map.of("test_id", second), Map.of("test_id", first))));
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		Response after = this.anonymous.get(project("/client-config"));
		assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
		assertThat(listed(after.json(), groupId).get("test_ids").toString())
			.isEqualTo("[" + second + "," + first + "]");
		assertThat(this.anonymous.get(project("/client-config")).header("ETag")).isEqualTo(after.header("ETag"));

		assertThat(this.api.delete(project("/exclusion-groups/" + groupId)).status()).isEqualTo(200);
		assertThat(listed(this.anonymous.get(project("/client-config")).json(), groupId)).isNull();
	}

	@Test
	void queryWhenExperimentIsInAnExclusionGroupAnswersOnlyTheVisitorsOfItsSlice() {
		String firstKey = key();
		String secondKey = key();
		long first = experiment(1, firstKey);
		long second = experiment(1, secondKey);
		long groupId = group(
				List.of(Map.of("test_id", first, "percent", 40), Map.of("test_id", second, "percent", 60)));
		ExclusionSlice firstSlice = new ExclusionSlice(groupId, 0, new double[] { 40, 60 });
		int inFirst = 0;
		for (int i = 0; i < 40; i++) {
			String visitor = "grouped-" + i;
			boolean admitted = firstSlice.admits(visitor);
			inFirst += admitted ? 1 : 0;
			assertThat(version(firstKey, visitor) != null).as(visitor).isEqualTo(admitted);
			assertThat(version(secondKey, visitor) != null).as(visitor).isEqualTo(!admitted);
		}
		assertThat(inFirst).isBetween(1, 39);
		assertThat(visitors(first)).isEqualTo(inFirst);
		assertThat(visitors(second)).isEqualTo(40 - inFirst);
	}

	@Test
	void queryWhenVisitorEnteredBeforeTheGroupKeepsTheirArm() {
		String firstKey = key();
		long first = experiment(1, firstKey);
		long second = experiment(1);
		List<String> early = List.of("early-1", "early-2", "early-3", "early-4", "early-5", "early-6");
		Map<String, String> arms = new HashMap<>();
		early.forEach((visitor) -> arms.put(visitor, version(firstKey, visitor)));
		group(List.of(Map.of("test_id", first, "percent", 1), Map.of("test_id", second, "percent", 99)));
		for (String visitor : early) {
			assertThat(version(firstKey, visitor)).as(visitor).isEqualTo(arms.get(visitor)).isNotNull();
		}
	}

	private long experiment(int status) {
		return experiment(status, null);
	}

	private long experiment(int status, String experimentKey) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("test_name", "Exclusive " + sequence.incrementAndGet());
		body.put("url", "https://example.com/");
		body.put("variants", List.of(Map.of("data", List.of())));
		body.put("status", status);
		if (experimentKey != null) {
			body.put("experiment_key", experimentKey);
		}
		Response created = this.api.post(project("/create-experiment"), body);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("test_id").asLong();
	}

	private long group(List<Map<String, Object>> tests) {
		Response created = this.api.post(project("/exclusion-groups"),
				Map.of("name", "Group " + sequence.incrementAndGet(), "tests", tests));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("group_id").asLong();
	}

	private static String key() {
		return "exclusive-" + sequence.incrementAndGet() + "-" + System.nanoTime();
	}

	private String version(String experimentKey, String visitorId) {
		Response response = this.anonymous.post("/experiment/query",
				Map.of("key", PROJECT_KEY, "experiment_key", experimentKey, "distinct_id", visitorId));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode version = response.json().get("version");
		return version.isNull() ? null : version.asString();
	}

	private long visitors(long testId) {
		Response response = this.api.get(project("/experiment/" + testId + "/result"));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("total_visitors").asLong();
	}

	private static JsonNode listed(JsonNode config, long groupId) {
		for (JsonNode group : config.get("exclusion_groups")) {
			if (group.get("group_id").asLong() == groupId) {
				return group;
			}
		}
		return null;
	}

}
