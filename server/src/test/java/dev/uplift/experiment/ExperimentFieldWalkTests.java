package dev.uplift.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field docs/mida-v2-api.md documents for Create and Update Experiment, sent with a
 * value that would change how the experiment runs: it is stored (details return it), or
 * refused with a 400 naming it, or accepted and named in the answer's warnings. Nothing
 * is accepted in silence.
 */
class ExperimentFieldWalkTests extends ExperimentIntegrationTest {

	/** How Uplift answers a field. */
	enum Outcome {

		STORED, REFUSED, WARNED

	}

	/**
	 * A documented field, the value sent, where details show it (a JSON pointer) or null,
	 * and what Uplift does with it.
	 */
	record Field(String name, Object value, String detailsPointer, Outcome outcome) {
	}

	private static final List<Field> CREATE = List.of(
			new Field("test_name", "Walked", "/experiment/test_name", Outcome.STORED),
			new Field("url", "https://example.com/walk", "/experiment/url", Outcome.STORED),
			new Field("page_urls", List.of("https://example.com/pricing"), "/experiment/page_urls/0/url",
					Outcome.STORED),
			new Field("status", 1, "/experiment/status", Outcome.STORED),
			new Field("test_type", "split", "/experiment/test_type", Outcome.STORED),
			new Field("test_type", "mvt", null, Outcome.REFUSED),
			new Field("custom_js", "window.walk = 1;", "/experiment/custom_js", Outcome.STORED),
			new Field("custom_css", ".walk { color: red; }", "/experiment/custom_css", Outcome.STORED),
			new Field("control", Map.of("nickname", "Baseline"), "/experiment/variants/0/nickname", Outcome.STORED),
			new Field("control_attr", Map.of("name", "Original", "css", ".a { }"), "/experiment/variants/0/nickname",
					Outcome.STORED),
			new Field("targeting", Map.of("device_rule", List.of("mobile")), "/experiment/targeting/device_rule/0",
					Outcome.STORED),
			new Field("experiment_key", "walk-key", "/experiment/experiment_key", Outcome.STORED),
			new Field("hash_seed", "walk-seed", "/experiment/hash_seed", Outcome.STORED),
			new Field("configuration.traffic_allocation", 50, "/experiment/configuration/traffic_allocation",
					Outcome.STORED),
			new Field("configuration.confidence_interval", 90, "/experiment/configuration/confidence_interval",
					Outcome.STORED),
			new Field("configuration.bayesian", 0, "/experiment/configuration/bayesian", Outcome.STORED),
			new Field("configuration.weights", List.of(1, 3), "/experiment/configuration/weights/1", Outcome.STORED),
			new Field("configuration.start_test_date", "2098-01-01T00:00:00Z",
					"/experiment/configuration/start_test_date", Outcome.STORED),
			new Field("configuration.end_test_date", "2099-02-01T00:00:00Z", "/experiment/configuration/end_test_date",
					Outcome.STORED),
			new Field("configuration.is_mab", 1, null, Outcome.REFUSED),
			new Field("configuration.is_autopilot", 1, null, Outcome.REFUSED),
			new Field("configuration.distribution", Map.of("mode", "auto"), null, Outcome.REFUSED),
			new Field("configuration.dom_change_path", "deferred", null, Outcome.REFUSED),
			new Field("configuration.trigger_variant_change", "on_route_change", null, Outcome.REFUSED),
			new Field("configuration.completion_visitor", 1000, "/experiment/configuration/completion_visitor",
					Outcome.STORED),
			new Field("configuration.completion_conversion", 100, "/experiment/configuration/completion_conversion",
					Outcome.STORED),
			new Field("configuration.completion_stats_significant_flag", 1,
					"/experiment/configuration/completion_stats_significant_flag", Outcome.STORED),
			new Field("configuration.completion_after_period", 14, "/experiment/configuration/completion_after_period",
					Outcome.STORED),
			new Field("configuration.integration", List.of("ga4"), null, Outcome.REFUSED),
			new Field("variants[0].layer", 1, null, Outcome.REFUSED),
			new Field("variants[0].targeting", Map.of("device_rule", List.of("mobile")), null, Outcome.REFUSED),
			new Field("tags", List.of("pricing"), null, Outcome.REFUSED),
			new Field("colour_scheme", "dark", null, Outcome.WARNED),
			new Field("configuration.colour_scheme", "dark", null, Outcome.WARNED));

	private static final List<Field> UPDATE = List.of(
			new Field("test_name", "Walked again", "/experiment/test_name", Outcome.STORED),
			new Field("url", "https://example.com/pricing?walk=1", "/experiment/url", Outcome.STORED),
			new Field("custom_css", ".again { }", "/experiment/custom_css", Outcome.STORED),
			new Field("control_attr", Map.of("name", "Original"), "/experiment/variants/0/nickname", Outcome.STORED),
			new Field("configuration.traffic_allocation", 30, "/experiment/configuration/traffic_allocation",
					Outcome.STORED),
			new Field("targeting", Map.of("device_rule", List.of("desktop")), "/experiment/targeting/device_rule/0",
					Outcome.STORED),
			new Field("tags", List.of("pricing"), null, Outcome.REFUSED), new Field("status", 1, null, Outcome.REFUSED),
			new Field("test_type", "personalization", null, Outcome.REFUSED),
			new Field("experiment_key", "renamed", null, Outcome.REFUSED),
			new Field("idempotency_key", "k-1", null, Outcome.REFUSED),
			new Field("configuration.is_mab", 1, null, Outcome.REFUSED),
			new Field("configuration.end_test_date", "2099-03-01T00:00:00Z", "/experiment/configuration/end_test_date",
					Outcome.STORED),
			new Field("configuration.completion_after_period", 21, "/experiment/configuration/completion_after_period",
					Outcome.STORED));

	@Test
	void everyCreateFieldIsStoredRefusedOrWarned() {
		for (Field field : CREATE) {
			Map<String, Object> body = experiment(1);
			if (field.name().equals("experiment_key")) {
				field = new Field(field.name(), unique("walk"), field.detailsPointer(), field.outcome());
			}
			put(body, field);
			if (field.value().equals("split")) {
				// A split-URL test needs each treatment's page.
				body.put("variants", List.of(Map.of("name", "Variant 1", "data", List.of(Map.of("url", "/walk-b")))));
			}
			Response response = this.api.post(project("/create-experiment"), body);
			check(field, response, () -> response.json().get("test_id").asLong());
		}
	}

	@Test
	void everyUpdateFieldIsStoredRefusedOrWarned() {
		long testId = createDraft();
		for (Field field : UPDATE) {
			Map<String, Object> body = new LinkedHashMap<>();
			put(body, field);
			if (field.outcome() != Outcome.STORED) {
				// A field that changes nothing leaves the update empty; give it one real
				// change.
				body.put("custom_js", "window.again = " + System.nanoTime() + ";");
			}
			Response response = this.api.patch(project("/experiment/" + testId), body);
			check(field, response, () -> testId);
		}
	}

	@Test
	void anUnknownFieldIsWarnedAboutAndTheRestIsApplied() {
		Map<String, Object> body = experiment(1);
		body.put("colour_scheme", "dark");
		body.put("variants", List.of(Map.of("name", "Variant 1", "shade", "blue")));
		Response response = this.api.post(project("/create-experiment"), body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("warnings").toString()).contains("'colour_scheme' is not a field")
			.contains("'variants[0].shade' is not a field");
	}

	@Test
	void controlAndControlAttrTogetherAreRefused() {
		Map<String, Object> body = experiment(1);
		body.put("control", Map.of("nickname", "A"));
		body.put("control_attr", Map.of("name", "B"));
		assertBadRequest(this.api.post(project("/create-experiment"), body), "either 'control' or 'control_attr'");
	}

	private void check(Field field, Response response, java.util.function.LongSupplier testId) {
		switch (field.outcome()) {
			case REFUSED -> {
				assertThat(response.status()).as(field.name() + ": " + response.body()).isEqualTo(400);
				assertThat(response.json().get("error").asString()).as(field.name()).contains("'" + field.name() + "'");
			}
			case WARNED -> {
				assertThat(response.status()).as(field.name() + ": " + response.body()).isEqualTo(200);
				assertThat(response.json().get("warnings").toString()).as(field.name())
					.contains("'" + field.name() + "'");
			}
			case STORED -> {
				assertThat(response.status()).as(field.name() + ": " + response.body()).isEqualTo(200);
				JsonNode details = this.api.get(project("/experiment/" + testId.getAsLong())).json();
				assertThat(details.at(field.detailsPointer()).isMissingNode()).as(field.name() + " in details")
					.isFalse();
				assertThat(details.at(field.detailsPointer()).asString()).as(field.name() + " in details")
					.isEqualTo(expected(field));
			}
		}
	}

	// What details show for the stored value: the value itself, or the label it sets.
	private static String expected(Field field) {
		return switch (field.name()) {
			case "page_urls" -> "https://example.com/pricing";
			case "control" -> "Baseline";
			case "control_attr" -> "Original";
			case "targeting" -> ((List<?>) ((Map<?, ?>) field.value()).get("device_rule")).get(0).toString();
			case "configuration.weights" -> "3";
			case "configuration.start_test_date", "configuration.end_test_date" ->
				field.value().toString().replace(":00Z", ":00.000Z");
			default -> field.value().toString();
		};
	}

	@SuppressWarnings("unchecked")
	private static void put(Map<String, Object> body, Field field) {
		if (field.name().startsWith("configuration.")) {
			((Map<String, Object>) body.computeIfAbsent("configuration", (key) -> new LinkedHashMap<>()))
				.put(field.name().substring("configuration.".length()), field.value());
		}
		else if (field.name().startsWith("variants[0].")) {
			Map<String, Object> variant = new LinkedHashMap<>(Map.of("name", "Variant 1"));
			variant.put(field.name().substring("variants[0].".length()), field.value());
			body.put("variants", List.of(variant));
		}
		else {
			body.put(field.name(), field.value());
		}
	}

}
