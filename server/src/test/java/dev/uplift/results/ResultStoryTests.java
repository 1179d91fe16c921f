package dev.uplift.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed example of docs/api.md §2, reproduced by a user's journey: create an
 * experiment, start it, send the browser script's events, read the result.
 */
class ResultStoryTests extends IntegrationTest {

	@Test
	void resultOfTheSeedExampleMatchesTheContractExactly() {
		Response created = this.api.post(project("/create-experiment"), Map.of("test_name",
				"Homepage CTA Button Color Test", "url", "https://example.com/", "variants",
				List.of(Map.of("name", "Red CTA Button", "data", List.of())), "primary_goal",
				Map.of("goal_name", "CTA Button Click", "goal_type", "clickOnElement", "goal_value", ".cta-button")));
		assertThat(created.status()).isEqualTo(200);
		long testId = created.json().get("test_id").asLong();
		String goalKey = this.api.get(project("/experiment/" + testId))
			.json()
			.at("/experiment/primary_goal/goal_key")
			.asString();
		assertThat(this.api.patch(project("/experiment/" + testId + "/status"), Map.of("status", 1)).status())
			.isEqualTo(200);

		List<Map<String, Object>> events = new ArrayList<>();
		addVisitors(events, testId, 0, 1500, 120, goalKey);
		addVisitors(events, testId, 1, 1480, 148, goalKey);
		for (Map<String, Object> batch : Events.batches(events, 1000)) {
			Response collected = this.anonymous.post(project("/collect"), batch);
			assertThat(collected.status()).isEqualTo(202);
			assertThat(collected.json().get("rejected").size()).isZero();
		}

		Response result = this.api.get(project("/experiment/" + testId + "/result"));
		assertThat(result.status()).isEqualTo(200);
		JsonNode body = result.json();
		assertThat(body.get("success").asBoolean()).isTrue();
		assertThat(body.get("test_id").asLong()).isEqualTo(testId);
		assertThat(body.get("test_name").asString()).isEqualTo("Homepage CTA Button Color Test");
		assertThat(body.get("status").asString()).isEqualTo("live");
		assertThat(body.get("status_code").asInt()).isEqualTo(1);
		assertThat(body.get("start_date").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(body.get("end_date").isNull()).isTrue();
		assertThat(body.get("days_running").asInt()).isZero();
		assertThat(body.at("/primary_goal/goal_name").asString()).isEqualTo("CTA Button Click");
		assertThat(body.at("/primary_goal/goal_type").asString()).isEqualTo("clickOnElement");
		assertThat(body.at("/primary_goal/goal_value").asString()).isEqualTo(".cta-button");
		assertThat(body.get("traffic_allocation").asInt()).isEqualTo(100);
		assertThat(body.get("traffic_allocation").isIntegralNumber()).isTrue();
		assertThat(body.get("distribution_mode").asString()).isEqualTo("equal");
		assertThat(body.get("is_mab").asBoolean()).isFalse();
		assertThat(body.get("total_visitors").asLong()).isEqualTo(2980);
		assertThat(body.get("total_conversions").asLong()).isEqualTo(268);
		JsonNode control = body.get("variants").get(0);
		assertThat(control.get("variant_id").asString()).isEqualTo("0");
		assertThat(control.get("name").asString()).isEqualTo("Control");
		assertThat(control.get("nickname").isNull()).isTrue();
		assertThat(control.get("traffic_weight").asDouble()).isEqualTo(50.0);
		assertThat(control.get("variant_status").asString()).isEqualTo("active");
		assertThat(control.get("visitors").asLong()).isEqualTo(1500);
		assertThat(control.get("conversions").asLong()).isEqualTo(120);
		assertThat(control.get("conversion_rate").asDouble()).isEqualTo(8.0);
		assertThat(control.get("is_control").asBoolean()).isTrue();
		assertThat(control.has("improvement")).isFalse();
		JsonNode red = body.get("variants").get(1);
		assertThat(red.get("variant_id").asString()).isEqualTo("1");
		assertThat(red.get("name").asString()).isEqualTo("Red CTA Button");
		assertThat(red.get("nickname").asString()).isEqualTo("Red CTA Button");
		assertThat(red.get("traffic_weight").asDouble()).isEqualTo(50.0);
		assertThat(red.get("variant_status").asString()).isEqualTo("active");
		assertThat(red.get("visitors").asLong()).isEqualTo(1480);
		assertThat(red.get("conversions").asLong()).isEqualTo(148);
		assertThat(red.get("conversion_rate").asDouble()).isEqualTo(10.0);
		assertThat(red.get("improvement").asDouble()).isEqualTo(25.0);
		assertThat(red.get("is_control").asBoolean()).isFalse();
	}

	@Test
	void resultOfACustomSplitShowsEachArmsShareAndPausedArms() {
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", "Custom split", "url", "https://example.com/", "variants",
						List.of(Map.of("nickname", "Big", "data", List.of()), Map.of("data", List.of())),
						"configuration", Map.of("traffic_allocation", 40.5, "weights", List.of(1, 3, 0))));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode body = this.api.get(project("/experiment/" + created.json().get("test_id").asLong() + "/result"))
			.json();
		assertThat(body.get("traffic_allocation").asDouble()).isEqualTo(40.5);
		assertThat(body.get("distribution_mode").asString()).isEqualTo("custom");
		assertThat(body.get("is_mab").asBoolean()).isFalse();
		JsonNode variants = body.get("variants");
		assertThat(variants.get(0).get("traffic_weight").asDouble()).isEqualTo(25.0);
		assertThat(variants.get(1).get("traffic_weight").asDouble()).isEqualTo(75.0);
		assertThat(variants.get(1).get("name").asString()).isEqualTo("Big");
		assertThat(variants.get(1).get("nickname").asString()).isEqualTo("Big");
		assertThat(variants.get(2).get("name").asString()).isEqualTo("Variant 2");
		assertThat(variants.get(2).get("nickname").isNull()).isTrue();
		assertThat(variants.get(2).get("traffic_weight").asDouble()).isEqualTo(0.0);
		assertThat(variants.get(2).get("variant_status").asString()).isEqualTo("paused");
		assertThat(variants.get(0).get("variant_status").asString()).isEqualTo("active");
	}

	/**
	 * Visitors of one arm, some of whom convert twice: a conversion counts once per
	 * visitor.
	 */
	private static void addVisitors(List<Map<String, Object>> events, long testId, int variant, int visitors,
			int converters, String goalKey) {
		for (int i = 0; i < visitors; i++) {
			String visitor = "seed-" + variant + "-" + i;
			events.add(Events.exposure(visitor + "-x", visitor, testId, variant));
			if (i < converters) {
				events.add(Events.goal(visitor + "-g1", visitor, goalKey));
				events.add(Events.goal(visitor + "-g2", visitor, goalKey));
			}
		}
	}

}
