package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field of every body, given a value of the wrong shape, gets a 4xx with the error
 * body, never a 500.
 */
class ExperimentInputTests extends ExperimentIntegrationTest {

	private static final List<Object> ODD_VALUES = Arrays.asList(null, 12, -1, 1.5, 1e300, "x", "", true, List.of(),
			List.of(1), List.of("x"), Arrays.asList((Object) null), List.of(Map.of()), Map.of(), Map.of("x", 1),
			"y".repeat(300_000));

	private static final List<String> EXPERIMENT_FIELDS = List.of("test_name", "url", "page_urls", "variants",
			"control", "status", "experiment_key", "configuration", "confidence_interval", "bayesian", "sequential",
			"prior_mean", "prior_variance", "primary_goal", "primary_goal_key", "secondary_goals",
			"secondary_goal_keys", "custom_js", "custom_css");

	private static final List<String> GOAL_FIELDS = List.of("goal_name", "goal_type", "goal_value", "goal_key",
			"goal_purpose", "element_url");

	@Test
	void createWhenAnyFieldHasAnOddValueNeverReturns500() {
		for (String field : EXPERIMENT_FIELDS) {
			for (Object value : ODD_VALUES) {
				Map<String, Object> body = new LinkedHashMap<>(experiment(1));
				body.put(field, value);
				assertAnswered(this.api.post(project("/create-experiment"), body), field, value);
			}
		}
	}

	@Test
	void nestedFieldsWithOddValuesNeverReturn500() {
		List<String> nested = List.of("name", "nickname", "customCSS", "custom_js", "data", "url", "rule", "allowed",
				"traffic_allocation", "weights", "confidence_interval", "goal_name", "goal_type", "goal_value");
		for (String field : nested) {
			for (Object value : ODD_VALUES) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put(field, value);
				for (String container : List.of("variants", "page_urls", "secondary_goals")) {
					Map<String, Object> body = new LinkedHashMap<>(experiment(1));
					body.put(container, List.of(entry));
					assertAnswered(this.api.post(project("/create-experiment"), body), container + "." + field, value);
				}
				for (String container : List.of("configuration", "control", "primary_goal")) {
					Map<String, Object> body = new LinkedHashMap<>(experiment(1));
					body.put(container, entry);
					assertAnswered(this.api.post(project("/create-experiment"), body), container + "." + field, value);
				}
			}
		}
	}

	@Test
	void updateStatusAndGoalsWithOddValuesNeverReturn500() {
		long testId = createDraft();
		long goalId = createGoal(unique("Odd"), "event", "odd");
		List<String> all = new ArrayList<>(EXPERIMENT_FIELDS);
		all.addAll(GOAL_FIELDS);
		for (String field : all) {
			for (Object value : ODD_VALUES) {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put(field, value);
				assertAnswered(this.api.patch(project("/experiment/" + testId), body), field, value);
				assertAnswered(this.api.patch(project("/experiment/" + testId + "/status"), body), field, value);
				assertAnswered(this.api.patch(project("/goal/" + goalId), body), field, value);
				Map<String, Object> goal = new LinkedHashMap<>(
						Map.of("goal_name", unique("G"), "goal_type", "event", "goal_value", "v"));
				goal.put(field, value);
				assertAnswered(this.api.post(project("/goal"), goal), field, value);
			}
		}
		for (String raw : List.of("", "null", "[]", "\"text\"", "{\"status\":", "{\"a\":1}{", "\u0000")) {
			assertAnswered(this.api.send("PATCH", project("/experiment/" + testId), "application/json", raw), "raw",
					raw);
			assertAnswered(this.api.send("POST", project("/create-experiment"), "application/json", raw), "raw", raw);
		}
	}

	private static void assertAnswered(Response response, String field, Object value) {
		String what = field + " = " + String.valueOf(value).substring(0, Math.min(40, String.valueOf(value).length()));
		assertThat(response.status()).as(what + ": " + response.body()).isIn(200, 400, 404, 406, 409);
		if (response.status() != 200) {
			assertThat(response.json().get("success").asBoolean()).as(what).isFalse();
			assertThat(response.json().get("error").asString()).as(what).isNotBlank();
		}
	}

}
