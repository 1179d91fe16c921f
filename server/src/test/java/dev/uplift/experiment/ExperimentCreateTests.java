package dev.uplift.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentCreateTests extends ExperimentIntegrationTest {

	@Test
	void createAddsControlNamesTreatmentsAndSplitsEqually() {
		Map<String, Object> body = experiment(0);
		body.put("variants", List.of(Map.of("name", "Red Button", "customCSS", ".cta{color:red}", "data", List.of()),
				Map.of("name", "Variant 2", "nickname", "Blue", "custom_js", "go()")));
		body.put("control", Map.of("nickname", "Original"));
		Response created = this.api.post(project("/create-experiment"), body);
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.json().get("success").asBoolean()).isTrue();
		assertThat(created.json().get("status").asInt()).isEqualTo(9);
		assertThat(created.json().get("company_id").isNumber()).isTrue();
		assertThat(created.json().get("goal_profile_id").isNull()).isTrue();
		assertThat(created.json().get("warnings").get(0).asString())
			.isEqualTo("No goal payload provided. Draft was created without a primary goal mapping.");
		long testId = created.json().get("test_id").asLong();

		JsonNode experiment = this.api.get(project("/experiment/" + testId)).json().get("experiment");
		assertThat(experiment.get("experiment_key").asString()).isEqualTo(Long.toString(testId));
		JsonNode variants = experiment.get("variants");
		assertThat(variants.size()).isEqualTo(3);
		assertThat(variants.get(0).get("variant_id").asInt()).isZero();
		assertThat(variants.get(0).get("name").asString()).isEqualTo("Control");
		assertThat(variants.get(0).get("nickname").asString()).isEqualTo("Original");
		assertThat(variants.get(1).get("name").asString()).isEqualTo("Variant 1");
		assertThat(variants.get(1).get("nickname").asString()).isEqualTo("Red Button");
		assertThat(variants.get(1).get("customCSS").asString()).isEqualTo(".cta{color:red}");
		assertThat(variants.get(2).get("nickname").asString()).isEqualTo("Blue");
		assertThat(variants.get(2).get("customJS").asString()).isEqualTo("go()");
		assertThat(variants.get(2).get("data").isArray()).isTrue();
		JsonNode configuration = experiment.get("configuration");
		assertThat(configuration.get("weights").toString()).isEqualTo("[1,1,1]");
		assertThat(configuration.get("traffic_allocation").asInt()).isEqualTo(100);
		assertThat(configuration.get("confidence_interval").asInt()).isEqualTo(95);
		assertThat(configuration.get("bayesian").asInt()).isEqualTo(1);
		assertThat(configuration.get("sequential").asInt()).isEqualTo(1);
	}

	@Test
	void createWithInlineGoalReusesAGoalOfTheSameNameAndType() {
		String goalName = unique("Signup");
		Map<String, Object> goal = Map.of("goal_name", goalName, "goal_type", "clickOnElement", "goal_value", ".cta");
		Map<String, Object> first = experiment(1);
		first.put("primary_goal", goal);
		Response created = this.api.post(project("/create-experiment"), first);
		assertThat(created.json().get("warnings").isEmpty()).isTrue();
		long goalId = created.json().get("goal_profile_id").asLong();
		Map<String, Object> second = experiment(1);
		second.put("primary_goal", goal);
		second.put("secondary_goals",
				List.of(Map.of("goal_name", unique("Scroll"), "goal_type", "scrolling", "goal_value", 75)));
		Response again = this.api.post(project("/create-experiment"), second);
		assertThat(again.json().get("goal_profile_id").asLong()).isEqualTo(goalId);
		assertThat(again.json().get("secondary_goals_count").asInt()).isEqualTo(1);

		JsonNode experiment = this.api.get(project("/experiment/" + again.json().get("test_id").asLong()))
			.json()
			.get("experiment");
		assertThat(experiment.at("/primary_goal/goal_key").asString()).isEqualTo(goalName.toLowerCase());
		assertThat(experiment.at("/secondary_goals/0/goal_value").asString()).isEqualTo("75");
	}

	@Test
	void createWithGoalKeysAndCustomSettingsStoresThem() {
		String primaryKey = unique("primary");
		String secondaryKey = unique("secondary");
		this.api.post(project("/goal"),
				Map.of("goal_name", "P", "goal_type", "pageview", "goal_value", "/thanks", "goal_key", primaryKey));
		this.api.post(project("/goal"),
				Map.of("goal_name", "S", "goal_type", "event", "goal_value", "signup", "goal_key", secondaryKey));
		Map<String, Object> body = experiment(2);
		body.put("experiment_key", unique("checkout-flow"));
		body.put("primary_goal_key", primaryKey);
		body.put("secondary_goal_keys", List.of(secondaryKey, primaryKey));
		body.put("configuration", Map.of("traffic_allocation", 50, "weights", List.of(2, 1, 1), "confidence_interval",
				90, "bayesian", 0, "sequential", 0));
		body.put("prior_mean", 0.0);
		body.put("prior_variance", 0.5);
		body.put("status", 1);
		Response created = this.api.post(project("/create-experiment"), body);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		assertThat(created.json().get("status").asInt()).isEqualTo(1);
		assertThat(created.json().get("secondary_goals_count").asInt()).isEqualTo(1);

		JsonNode experiment = this.api.get(project("/experiment/" + created.json().get("test_id").asLong()))
			.json()
			.get("experiment");
		assertThat(experiment.get("experiment_key").asString()).isEqualTo(body.get("experiment_key"));
		assertThat(experiment.get("configuration").toString()).contains("\"traffic_allocation\":50",
				"\"confidence_interval\":90", "\"weights\":[2,1,1]", "\"bayesian\":0", "\"sequential\":0",
				"\"prior_variance\":0.5");
		assertThat(experiment.at("/primary_goal/goal_key").asString()).isEqualTo(primaryKey);
		assertThat(experiment.get("secondary_goals").size()).isEqualTo(1);
	}

	@Test
	void createWithPageUrlsOnlyTakesTheFirstPlainAddressAsEditorUrl() {
		Map<String, Object> body = experiment(1);
		body.remove("url");
		body.put("page_urls", List.of(Map.of("url", "/blog/", "rule", "contain"), "https://example.com/a",
				Map.of("url", "https://example.com/a?x=1", "rule", "exact", "allowed", false)));
		long testId = create(body);
		JsonNode experiment = this.api.get(project("/experiment/" + testId)).json().get("experiment");
		assertThat(experiment.get("url").asString()).isEqualTo("https://example.com/a");
		assertThat(experiment.get("page_urls").size()).isEqualTo(3);
		assertThat(experiment.at("/page_urls/0/rule").asString()).isEqualTo("contain");
		assertThat(experiment.at("/page_urls/1/rule").asString()).isEqualTo("simple");
		assertThat(experiment.at("/page_urls/2/allowed").asBoolean()).isFalse();
	}

	@Test
	void createWhenExperimentKeyTakenReturns406() {
		Map<String, Object> body = experiment(1);
		body.put("experiment_key", unique("dup"));
		create(body);
		Response again = this.api.post(project("/create-experiment"), body);
		assertThat(again.status()).isEqualTo(406);
		assertThat(again.json().get("error").asString()).contains("experiment_key");
	}

	@Test
	void createWhenRequiredFieldsMissingReturns400() {
		Map<String, Object> noName = experiment(1);
		noName.remove("test_name");
		assertBadRequest(this.api.post(project("/create-experiment"), noName), "'test_name' is required");
		Map<String, Object> noVariants = experiment(1);
		noVariants.remove("variants");
		assertBadRequest(this.api.post(project("/create-experiment"), noVariants), "'variants' is required");
		Map<String, Object> noUrl = experiment(1);
		noUrl.remove("url");
		assertBadRequest(this.api.post(project("/create-experiment"), noUrl), "'url' is required");
	}

	@Test
	void createWhenVariantsEmptyTooManyOrNotObjectsReturns400() {
		assertBadRequest(post(with("variants", List.of())), "'variants' must list at least one treatment");
		assertBadRequest(post(experiment(21)), "'variants' must have at most 20 entries");
		assertBadRequest(post(with("variants", List.of("Variant 1"))), "'variants[0]' must be an object");
		assertBadRequest(post(with("variants", "none")), "'variants' must be an array");
		assertBadRequest(post(with("variants", List.of(Map.of("data", "x")))), "'variants[0].data' must be an array");
	}

	@Test
	void createWhenStatusInvalidReturns400() {
		assertBadRequest(post(with("status", 2)), "'status' must be 0 (inactive), 1 (live) or 9 (draft)");
		assertBadRequest(post(with("status", "live")), "'status' must be an integer");
	}

	@Test
	void createWhenExperimentKeyNotASlugReturns400() {
		assertBadRequest(post(with("experiment_key", "Has Spaces")), "'experiment_key' must be 1 to 100 characters");
		assertBadRequest(post(with("experiment_key", "123")), "not only digits");
	}

	@Test
	void createWhenConfigurationOutOfRangeReturns400() {
		assertBadRequest(post(with("configuration", Map.of("traffic_allocation", 101))),
				"'configuration.traffic_allocation' must be between 0 and 100");
		assertBadRequest(post(with("confidence_interval", 40)),
				"'confidence_interval' must be an integer between 50 and 99");
		assertBadRequest(post(with("configuration", Map.of("confidence_interval", 99.5))),
				"'configuration.confidence_interval' must be an integer");
		assertBadRequest(post(with("bayesian", 2)), "'bayesian' must be 0 or 1");
		assertBadRequest(post(with("sequential", "yes")), "'sequential' must be 0 or 1");
		assertBadRequest(post(with("prior_mean", 0.1)), "'prior_mean' and 'prior_variance' go together");
		Map<String, Object> zeroVariance = with("prior_mean", 0.1);
		zeroVariance.put("prior_variance", 0);
		assertBadRequest(post(zeroVariance), "'prior_variance' must be greater than 0");
	}

	@Test
	void createWhenWeightsInvalidReturns400() {
		assertBadRequest(post(with("configuration", Map.of("weights", List.of(1, 1, 1)))),
				"'configuration.weights' must have 2 numbers");
		assertBadRequest(post(with("configuration", Map.of("weights", List.of(0, 0)))), "must not all be 0");
		assertBadRequest(post(with("configuration", Map.of("weights", List.of(-1, 2)))),
				"'configuration.weights' must hold one number from 0");
		assertBadRequest(post(with("configuration", Map.of("weights", List.of("a", 2)))),
				"'configuration.weights[0]' must be a finite number");
	}

	@Test
	void createWhenPageUrlsInvalidReturns400() {
		assertBadRequest(post(with("page_urls", List.of("https://example.com/*"))), "use rule 'contain'");
		assertBadRequest(post(with("page_urls", List.of(Map.of("url", "/blog/*", "rule", "contain")))),
				"use rule 'contain'");
		assertBadRequest(
				post(with("page_urls", List.of(Map.of("url", "https://example.com/pricing", "allowed", false)))),
				"'page_urls' must allow at least one page");
		assertBadRequest(post(with("page_urls", List.of(Map.of("url", "([a-z", "rule", "regex")))),
				"'page_urls[0].url' is not a valid regular expression");
		assertBadRequest(post(with("page_urls", List.of(Map.of("url", "/x", "rule", "glob")))),
				"the rule must be one of simple, exact, contain, regex");
		assertBadRequest(post(with("page_urls", java.util.Collections.nCopies(51, "https://example.com/pricing"))),
				"'page_urls' must have at most 50 entries");
		assertBadRequest(post(with("page_urls", List.of("https://example.com/other"))),
				"'url' (the editor URL) must be a page that 'page_urls' includes");
		assertBadRequest(post(with("url", "https://example.com/*")), "must not contain '*'");
	}

	@Test
	void createWhenGoalInvalidReturns400() {
		assertBadRequest(post(with("primary_goal_key", unique("missing"))), "'primary_goal_key' names no goal");
		assertBadRequest(post(with("secondary_goal_keys", List.of(unique("missing")))),
				"'secondary_goal_keys' names no goal");
		assertBadRequest(post(with("primary_goal", Map.of("goal_name", "x", "goal_type", "hover", "goal_value", "a"))),
				"'primary_goal.goal_type' must be one of");
		assertBadRequest(
				post(with("primary_goal", Map.of("goal_name", "x", "goal_type", "scrolling", "goal_value", "150"))),
				"'primary_goal.goal_value' must be a scroll depth");
	}

	@Test
	void createWhenBodyMalformedOrHugeReturns400() {
		assertBadRequest(this.api.send("POST", project("/create-experiment"), "application/json", "{\"test_name\": "),
				"Malformed JSON");
		assertBadRequest(this.api.send("POST", project("/create-experiment"), "application/json", "[1,2]"),
				"must be a JSON object");
		assertBadRequest(post(with("test_name", "x".repeat(501))), "'test_name' must have at most 500 characters");
		assertBadRequest(post(with("test_name", 12)), "'test_name' must be a string");
		assertBadRequest(post(with("variants", null)), "'variants' is required");
	}

	@Test
	void createWhenGoalFailsWritesNothing() {
		String goalName = unique("Orphan");
		Map<String, Object> body = experiment(1);
		body.put("primary_goal", Map.of("goal_name", goalName, "goal_type", "event", "goal_value", "x"));
		body.put("secondary_goal_keys", List.of(unique("missing")));
		assertThat(post(body).status()).isEqualTo(400);
		assertThat(this.api.get(project("/goals?limit=500")).body()).doesNotContain(goalName);
		assertThat(this.api.get(project("/experiments?limit=500")).body())
			.doesNotContain((String) body.get("test_name"));
	}

	@Test
	void createWithoutKeyReturns401() {
		assertThat(this.anonymous.post(project("/create-experiment"), experiment(1)).status()).isEqualTo(401);
	}

	private Response post(Map<String, Object> body) {
		return this.api.post(project("/create-experiment"), body);
	}

	private static Map<String, Object> with(String field, Object value) {
		Map<String, Object> body = new LinkedHashMap<>(experiment(1));
		body.put(field, value);
		return body;
	}

}
