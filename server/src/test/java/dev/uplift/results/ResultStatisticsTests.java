package dev.uplift.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results of experiments with known counts carry the statistics of the independent
 * reference table {@code stats/reference.csv} (computed with scipy by
 * {@code stats/reference.py}), through HTTP.
 */
class ResultStatisticsTests extends IntegrationTest {

	private static final Map<String, Map<String, String>> reference = reference();

	@Test
	void resultOfTheSeedExampleWithFixedFrequentistSettingsCarriesTheReferenceStatistics() {
		long testId = experiment(Map.of("bayesian", 0, "sequential", 0, "confidence_interval", 95), 1);
		load(testId, new long[][] { { 1500, 120 }, { 1480, 148 } });
		JsonNode body = result(testId);
		assertThat(body.get("stats_engine").asString()).isEqualTo("frequentist");
		assertThat(body.get("confidence_threshold_percent").asDouble()).isEqualTo(95.0);
		assertTreatment(body, 1, "seed-example", false);
		assertSrm(body, "seed-example", List.of(0.5, 0.5));
	}

	@Test
	void resultOfTheSeedExampleWithDefaultSettingsIsBayesianAndSequential() {
		long testId = experiment(Map.of(), 1);
		load(testId, new long[][] { { 1500, 120 }, { 1480, 148 } });
		JsonNode body = result(testId);
		assertThat(body.get("stats_engine").asString()).isEqualTo("bayesian");
		assertTreatment(body, 1, "seed-example-bayesian", false);
		assertThat(body.at("/variants/1/statistics/sequential").asBoolean()).isTrue();
		assertThat(body.at("/variants/0/statistics").isMissingNode()).isTrue();
	}

	@Test
	void resultOfThreeArmsCarriesHolmAdjustedPValues() {
		long testId = experiment(Map.of("confidence_interval", 90), 2);
		load(testId, new long[][] { { 3000, 300 }, { 3000, 345 }, { 3000, 280 } });
		JsonNode body = result(testId);
		assertTreatment(body, 1, "three-arms-bayesian", true);
		assertTreatment(body, 2, "three-arms-bayesian", true);
		assertSrm(body, "three-arms-bayesian", List.of(0.333333, 0.333333, 0.333333));
	}

	@Test
	void resultWithoutAnyDataHasFiniteGuardedStatistics() {
		long testId = experiment(Map.of(), 1);
		JsonNode statistics = result(testId).at("/variants/1/statistics");
		assertThat(statistics.get("estimable").asBoolean()).isFalse();
		assertThat(statistics.get("p_value").asDouble()).isEqualTo(1.0);
		assertThat(statistics.get("chance_to_beat_control").asDouble()).isEqualTo(50.0);
		assertThat(statistics.get("significant").asBoolean()).isFalse();
		assertThat(result(testId).at("/srm/detected").asBoolean()).isFalse();
	}

	private void assertTreatment(JsonNode body, int variant, String referenceCase, boolean adjusted) {
		Map<String, String> row = reference.get(referenceCase + "#" + variant);
		JsonNode statistics = body.at("/variants/" + variant + "/statistics");
		assertThat(statistics.get("lift").asDouble()).isEqualTo(percent(row.get("lift")));
		assertThat(statistics.get("chance_to_beat_control").asDouble()).isEqualTo(percent(row.get("chance")));
		assertThat(statistics.get("expected_loss").asDouble()).isEqualTo(percent(row.get("expected_loss")));
		assertThat(statistics.get("p_value").asDouble()).isEqualTo(pValue(row.get("p_value")));
		assertThat(statistics.get("credible_interval").get(0).asDouble()).isEqualTo(percent(row.get("cred_low")));
		assertThat(statistics.get("credible_interval").get(1).asDouble()).isEqualTo(percent(row.get("cred_high")));
		assertThat(statistics.get("confidence_interval").get(0).asDouble()).isEqualTo(percent(row.get("ci_low")));
		assertThat(statistics.get("confidence_interval").get(1).asDouble()).isEqualTo(percent(row.get("ci_high")));
		assertThat(statistics.get("significant").asBoolean()).isEqualTo("1".equals(row.get("significant")));
		if (adjusted) {
			assertThat(statistics.get("p_value_adjusted").asDouble()).isEqualTo(pValue(row.get("p_value_adjusted")));
		}
		else {
			assertThat(statistics.has("p_value_adjusted")).isFalse();
		}
	}

	private void assertSrm(JsonNode body, String referenceCase, List<Double> weights) {
		Map<String, String> row = reference.get(referenceCase + "#1");
		assertThat(body.at("/srm/p_value").asDouble()).isEqualTo(pValue(row.get("srm_p_value")));
		assertThat(body.at("/srm/detected").asBoolean()).isEqualTo("1".equals(row.get("srm_detected")));
		List<Double> expected = new ArrayList<>();
		body.at("/srm/expected_weights").forEach((weight) -> expected.add(weight.asDouble()));
		assertThat(expected).isEqualTo(weights);
	}

	private long experiment(Map<String, Object> settings, int treatments) {
		String goalKey = "stats-" + System.nanoTime();
		List<Map<String, Object>> variants = new ArrayList<>();
		for (int i = 0; i < treatments; i++) {
			variants.add(Map.of("data", List.of()));
		}
		Map<String, Object> body = new LinkedHashMap<>(settings);
		body.put("test_name", "Statistics " + goalKey);
		body.put("url", "https://example.com/");
		body.put("variants", variants);
		body.put("primary_goal", Map.of("goal_name", goalKey, "goal_type", "event", "goal_value", goalKey));
		Response created = this.api.post(project("/create-experiment"), body);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return created.json().get("test_id").asLong();
	}

	/**
	 * Imports the given visitors and converters per arm; the goal is the event named like
	 * the experiment's goal.
	 */
	private void load(long testId, long[][] arms) {
		String goalName = this.api.get(project("/experiment/" + testId))
			.json()
			.at("/experiment/primary_goal/goal_value")
			.asString();
		StringBuilder lines = new StringBuilder();
		long time = System.currentTimeMillis() - 3_600_000;
		for (int arm = 0; arm < arms.length; arm++) {
			for (long i = 0; i < arms[arm][0]; i++) {
				String visitor = testId + "-" + arm + "-" + i;
				lines.append("{\"type\":\"exposure\",\"visitor_id\":\"")
					.append(visitor)
					.append("\",\"test_id\":")
					.append(testId)
					.append(",\"variant_id\":\"")
					.append(arm)
					.append("\",\"ts\":")
					.append(time)
					.append("}\n");
				if (i < arms[arm][1]) {
					lines.append("{\"type\":\"event\",\"visitor_id\":\"")
						.append(visitor)
						.append("\",\"name\":\"")
						.append(goalName)
						.append("\",\"ts\":")
						.append(time + 1000)
						.append("}\n");
				}
			}
		}
		Response imported = this.api.send("POST", project("/import"), "application/x-ndjson", lines.toString());
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(imported.json().get("rejected").asLong()).isZero();
	}

	private JsonNode result(long testId) {
		Response response = this.api.get(project("/experiment/" + testId + "/result"));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static double percent(String value) {
		return new BigDecimal(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
	}

	private static double pValue(String value) {
		return new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_UP)).doubleValue();
	}

	private static Map<String, Map<String, String>> reference() {
		try (var in = ResultStatisticsTests.class.getResourceAsStream("/stats/reference.csv")) {
			String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
			String[] header = lines[0].split(",");
			Map<String, Map<String, String>> rows = new HashMap<>();
			for (int i = 1; i < lines.length; i++) {
				String[] cells = lines[i].split(",", -1);
				Map<String, String> row = new HashMap<>();
				for (int c = 0; c < header.length; c++) {
					row.put(header[c], cells[c]);
				}
				rows.put(row.get("case") + "#" + row.get("treatment"), row);
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
