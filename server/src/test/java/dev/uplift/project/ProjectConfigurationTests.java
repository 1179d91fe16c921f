package dev.uplift.project;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Get and Update Project Configuration, and the default primary goal results fall back
 * to.
 */
class ProjectConfigurationTests extends IntegrationTest {

	@Test
	void configurationWhenNewProjectHasDefaults() {
		String base = newProject("Defaults", "Europe/Paris");

		Response response = this.api.get(base + "/configuration");

		assertThat(response.status()).isEqualTo(200);
		JsonNode configuration = response.json().get("configuration");
		assertThat(configuration.get("time_zone").asString()).isEqualTo("Europe/Paris");
		assertThat(configuration.get("reporting_currency").asString()).isEqualTo("USD");
		assertThat(configuration.get("currency_rates").size()).isZero();
		assertThat(configuration.get("primary_goal").isNull()).isTrue();
		assertThat(configuration.get("primary_goal_id").isNull()).isTrue();
		assertThat(configuration.get("consent_required").asInt()).isZero();
	}

	@Test
	void configurationWhenPatchedKeepsWhatWasNotSentAndClearsTheGoalWithNull() {
		String base = newProject("Patched", "UTC");
		goal(base, "signup", "event", "Signup");

		JsonNode changed = patch(base, """
				{"reporting_currency": "EUR", "currency_rates": {"USD": 0.92, "GBP": 1.17},
				 "primary_goal_key": "signup", "time_zone": "Asia/Tokyo", "consent_required": 1}""").json()
			.get("configuration");
		JsonNode rates = patch(base, "{\"currency_rates\": {\"JPY\": 0.0061}}").json().get("configuration");
		JsonNode cleared = patch(base, "{\"primary_goal_key\": null}").json().get("configuration");

		assertThat(changed.get("reporting_currency").asString()).isEqualTo("EUR");
		assertThat(changed.get("currency_rates").get("GBP").asDouble()).isEqualTo(1.17);
		assertThat(changed.at("/primary_goal/goal_key").asString()).isEqualTo("signup");
		assertThat(changed.get("primary_goal_id").asLong())
			.isEqualTo(changed.at("/primary_goal/goal_profile_id").asLong());
		assertThat(changed.get("time_zone").asString()).isEqualTo("Asia/Tokyo");
		assertThat(changed.get("consent_required").asInt()).isEqualTo(1);
		assertThat(rates.get("currency_rates").properties()).hasSize(1);
		assertThat(rates.at("/primary_goal/goal_key").asString()).isEqualTo("signup");
		assertThat(cleared.get("primary_goal").isNull()).isTrue();
		assertThat(cleared.get("reporting_currency").asString()).isEqualTo("EUR");
		assertThat(this.api.get(base + "/configuration").json().at("/configuration/time_zone").asString())
			.isEqualTo("Asia/Tokyo");
	}

	@Test
	void configurationWhenInputIsBadReturns400NamingTheField() {
		String base = newProject("Bad input", "UTC");
		Map<String, String> bad = Map.of("{\"reporting_currency\": \"usd\"}", "reporting_currency",
				"{\"reporting_currency\": \"ABC\"}", "reporting_currency", "{\"currency_rates\": {\"XYZ\": 1}}",
				"currency_rates.XYZ", "{\"currency_rates\": {\"EUR\": 0}}", "currency_rates.EUR",
				"{\"currency_rates\": {\"EUR\": 2000000}}", "currency_rates.EUR",
				"{\"currency_rates\": {\"EUR\": \"1.1\"}}", "currency_rates", "{\"time_zone\": \"Mars/Olympus\"}",
				"time_zone", "{\"consent_required\": 2}", "consent_required", "{\"currency_rates\": {\"USD\": 1}}",
				"currency_rates", "{}", "at least one");
		bad.forEach((body, field) -> {
			Response response = patch(base, body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.json().get("error").asString()).as(body).contains(field);
		});
		assertThat(patch(base, "{\"primary_goal_key\": \"nope\"}").status()).isEqualTo(404);
	}

	@Test
	void configurationWhenDataIsStoredRefusesZoneAndCurrencyChangesWith409() {
		String base = newProject("Busy", "UTC");
		goal(base, "buy", "revenue", "Purchase");
		long testId = liveExperiment(base, "buy");
		collect(base, List.of(Events.exposure("x", "v", testId, 0), Events.named("p", "v", "Purchase", 9.99)));

		assertThat(patch(base, "{\"time_zone\": \"Europe/Berlin\"}").status()).isEqualTo(409);
		assertThat(patch(base, "{\"reporting_currency\": \"EUR\"}").status()).isEqualTo(409);
		assertThat(patch(base, "{\"time_zone\": \"UTC\", \"reporting_currency\": \"USD\"}").status()).isEqualTo(200);
	}

	@Test
	void resultWhenExperimentHasNoPrimaryGoalFallsBackToTheProjectDefault() {
		String base = newProject("Fallback", "UTC");
		goal(base, "global-signup", "event", "Signup");
		assertThat(patch(base, "{\"primary_goal_key\": \"global-signup\"}").status()).isEqualTo(200);
		long testId = liveExperiment(base, null);
		collect(base, List.of(Events.exposure("x1", "a", testId, 0), Events.exposure("x2", "b", testId, 1),
				Events.named("s1", "a", "Signup", null)));

		JsonNode result = this.api.get(base + "/experiment/" + testId + "/result").json();

		assertThat(result.at("/goal/goal_key").asString()).isEqualTo("global-signup");
		assertThat(result.at("/goal/goal_source").asString()).isEqualTo("global_default");
		assertThat(result.at("/goal/is_primary").asBoolean()).isFalse();
		assertThat(result.get("primary_goal").isNull()).isTrue();
		assertThat(result.get("total_conversions").asLong()).isEqualTo(1);
		assertThat(result.get("variants").get(0).get("conversions").asLong()).isEqualTo(1);
	}

	private String newProject(String name, String timeZone) {
		Response created = this.api.post(project("/projects"), Map.of("name", name, "time_zone", timeZone));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return "/v2/project/" + created.json().at("/project/project_key").asString();
	}

	private void goal(String base, String key, String type, String value) {
		Response response = this.api.post(base + "/goal",
				Map.of("goal_name", key, "goal_key", key, "goal_type", type, "goal_value", value));
		assertThat(response.status()).as(response.body()).isBetween(200, 201);
	}

	/** A live experiment with the goal as primary, or with no goal at all when null. */
	private long liveExperiment(String base, String primaryGoalKey) {
		Map<String, Object> body = new HashMap<>(Map.of("test_name", "Test", "url", "https://example.com/", "variants",
				List.of(Map.of("data", List.of()))));
		if (primaryGoalKey != null) {
			body.put("primary_goal_key", primaryGoalKey);
		}
		return Experiments.live(this.api, base, body);
	}

	private void collect(String base, List<Map<String, Object>> events) {
		Experiments.collectAll(this.anonymous, base, events);
	}

	private Response patch(String base, String json) {
		return this.api.send("PATCH", base + "/configuration", "application/json", json);
	}

}
