package dev.uplift.experiment;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentUpdateTests extends ExperimentIntegrationTest {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void updateChangesOnlyTheFieldsSent() {
		long testId = create(experiment(2));
		Response response = this.api.patch(project("/experiment/" + testId),
				Map.of("test_name", "Renamed", "variants",
						List.of(Map.of("nickname", "Green"), Map.of("customCSS", "b{}")), "configuration",
						Map.of("traffic_allocation", 25.5, "weights", List.of(1, 2, 3), "bayesian", 0)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("test_id").asLong()).isEqualTo(testId);
		JsonNode experiment = details(testId);
		assertThat(experiment.get("test_name").asString()).isEqualTo("Renamed");
		assertThat(experiment.get("url").asString()).isEqualTo("https://example.com/pricing");
		assertThat(experiment.at("/variants/1/nickname").asString()).isEqualTo("Green");
		assertThat(experiment.at("/variants/2/customCSS").asString()).isEqualTo("b{}");
		assertThat(experiment.at("/variants/2/name").asString()).isEqualTo("Variant 2");
		assertThat(experiment.at("/configuration/traffic_allocation").asDouble()).isEqualTo(25.5);
		assertThat(experiment.at("/configuration/weights").toString()).isEqualTo("[1,2,3]");
		assertThat(experiment.at("/configuration/bayesian").asInt()).isZero();
		assertThat(experiment.at("/configuration/confidence_interval").asInt()).isEqualTo(95);
	}

	@Test
	void updateOfADraftCanChangeTheNumberOfVariants() {
		long testId = create(experiment(1));
		Response response = this.api.patch(project("/experiment/" + testId),
				Map.of("variants", List.of(Map.of("name", "A"), Map.of("name", "B"), Map.of("name", "C"))));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode experiment = details(testId);
		assertThat(experiment.get("variants").size()).isEqualTo(4);
		assertThat(experiment.at("/variants/3/name").asString()).isEqualTo("Variant 3");
		assertThat(experiment.at("/variants/3/nickname").asString()).isEqualTo("C");
		assertThat(experiment.at("/configuration/weights").toString()).isEqualTo("[1,1,1,1]");
	}

	@Test
	void updateWhenVariantCountChangesOnALiveExperimentReturns409() {
		long testId = create(experiment(1));
		setStatus(testId, 1);
		Response response = this.api.patch(project("/experiment/" + testId),
				Map.of("variants", List.of(Map.of("name", "A"), Map.of("name", "B"))));
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("error").asString()).contains("is live", "only while it is a draft");
	}

	@Test
	void updateWhenVariantCountChangesAfterDataReturns409() {
		long testId = create(experiment(1));
		this.jdbc.sql("""
				INSERT INTO assignments (test_id, visitor_id, project_id, ordinal, variant, entered_at, entered_day)
				VALUES (?, 'v-1', (SELECT project_id FROM experiments WHERE id = ?), 0, 0, 0, 0)
				""").params(testId, testId).update();
		Response response = this.api.patch(project("/experiment/" + testId),
				Map.of("variants", List.of(Map.of("name", "A"), Map.of("name", "B"))));
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("error").asString()).contains("has collected data");
	}

	@Test
	void updateReplacesGoalsByKey() {
		String first = unique("first");
		String second = unique("second");
		this.api.post(project("/goal"),
				Map.of("goal_name", "F", "goal_type", "event", "goal_value", "a", "goal_key", first));
		this.api.post(project("/goal"),
				Map.of("goal_name", "S", "goal_type", "event", "goal_value", "b", "goal_key", second));
		Map<String, Object> body = experiment(1);
		body.put("primary_goal_key", first);
		long testId = create(body);
		Response response = this.api.patch(project("/experiment/" + testId),
				Map.of("primary_goal_key", second, "secondary_goal_keys", List.of(first, second)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode experiment = details(testId);
		assertThat(experiment.at("/primary_goal/goal_key").asString()).isEqualTo(second);
		assertThat(experiment.get("secondary_goals").size()).isEqualTo(1);
		assertThat(experiment.at("/secondary_goals/0/goal_key").asString()).isEqualTo(first);
	}

	@Test
	void updateWhenBodyEmptyOrInvalidReturns400() {
		long testId = createDraft();
		String path = project("/experiment/" + testId);
		assertBadRequest(this.api.patch(path, Map.of()), "Send at least one field to change");
		assertBadRequest(this.api.patch(path, Map.of("test_name", " ")), "'test_name' must not be blank");
		assertBadRequest(this.api.patch(path, Map.of("configuration", Map.of("weights", List.of(1, 1, 1)))),
				"'configuration.weights' must have 2 numbers");
		assertBadRequest(this.api.patch(path, Map.of("configuration", Map.of("traffic_allocation", "all"))),
				"'configuration.traffic_allocation' must be a finite number");
		assertBadRequest(this.api.patch(path, Map.of("primary_goal_key", unique("missing"))), "names no goal");
		assertBadRequest(this.api.patch(path, Map.of("page_urls", List.of("https://example.com/other"))),
				"'url' (the editor URL) must be a page that 'page_urls' includes");
		assertBadRequest(this.api.patch(path, Map.of("variants", "x")), "'variants' must be an array");
		assertThat(details(testId).at("/configuration/weights").toString()).isEqualTo("[1,1]");
	}

	private JsonNode details(long testId) {
		return this.api.get(project("/experiment/" + testId)).json().get("experiment");
	}

}
