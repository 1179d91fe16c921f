package dev.uplift.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A team checks its guardrails: an experiment with a primary goal and two secondary
 * goals, and the metrics route reporting each secondary goal like a result of it.
 */
class MetricsStoryTests extends IntegrationTest {

	private long testId;

	private String suffix;

	@BeforeEach
	void experimentWithSecondaryGoals() {
		this.suffix = Long.toString(System.nanoTime());
		for (String goal : List.of("buy", "cart", "bounce")) {
			Response created = this.api.post(project("/goal"), Map.of("goal_name", goal, "goal_key", key(goal),
					"goal_type", "clickOnElement", "goal_value", "." + goal));
			assertThat(created.status()).as(created.body()).isIn(200, 201);
		}
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", "Guardrails " + this.suffix, "url", "https://example.com/", "variants",
						List.of(Map.of("data", List.of()), Map.of("data", List.of())), "status", 1, "primary_goal_key",
						key("buy"), "secondary_goal_keys", List.of(key("cart"), key("bounce"))));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		this.testId = created.json().get("test_id").asLong();
		List<Map<String, Object>> events = new ArrayList<>();
		// Per arm: 400 visitors; buy, cart and bounce converters.
		int[][] converters = { { 40, 100, 200 }, { 60, 130, 190 }, { 40, 100, 280 } };
		for (int variant = 0; variant < 3; variant++) {
			for (int i = 0; i < 400; i++) {
				String visitor = "m" + this.suffix + "-" + variant + "-" + i;
				events.add(Events.exposure(visitor + "-x", visitor, this.testId, variant));
				String[] goals = { "buy", "cart", "bounce" };
				for (int goal = 0; goal < 3; goal++) {
					if (i < converters[variant][goal]) {
						Map<String, Object> conversion = Events.goal(visitor + "-" + goal, visitor, key(goals[goal]));
						if (goal == 1) {
							// Carts carry revenue; bounces do not.
							conversion.put("properties", Map.of("revenue", 10.0 + variant));
						}
						events.add(conversion);
					}
				}
			}
		}
		Events.batches(events, 1000)
			.forEach((batch) -> assertThat(this.anonymous.post(project("/collect"), batch).status()).isEqualTo(202));
	}

	@Test
	void metricsReportTheSecondaryGoalsLikeTheirResults() {
		JsonNode body = metrics("");
		assertThat(body.get("test_id").asLong()).isEqualTo(this.testId);
		assertThat(body.get("metric_count").asInt()).isEqualTo(2);
		assertThat(body.get("count").asInt()).isEqualTo(3);
		assertThat(body.at("/metric_definitions/0/metric_key").asString()).isEqualTo(key("cart"));
		assertThat(body.at("/metric_definitions/0/metric_text").asString()).isEqualTo("goal_" + key("cart"));
		assertThat(body.at("/metric_definitions/1/goal/goal_key").asString()).isEqualTo(key("bounce"));
		JsonNode rows = body.get("metrics");
		assertThat(rows.get(1).get("variant_id").asString()).isEqualTo("1");
		assertThat(rows.get(1).get("total").asLong()).isEqualTo(400);
		assertThat(rows.get(1).get("result_1").asLong()).isEqualTo(130);
		assertThat(rows.get(2).get("result_2").asLong()).isEqualTo(280);
		double[] raw = new double[4];
		double[] adjusted = new double[4];
		for (int metric = 0; metric < 2; metric++) {
			JsonNode own = body.get("metric_results").get(metric);
			JsonNode result = this.api
				.get(project("/experiment/" + this.testId + "/result?goal_key=" + own.get("metric_key").asString()))
				.json();
			assertThat(own.get("result_key").asString()).isEqualTo("result_" + (metric + 1));
			for (int variant = 1; variant <= 2; variant++) {
				JsonNode statistics = own.at("/variants/" + variant + "/statistics");
				JsonNode expected = result.at("/variants/" + variant + "/statistics");
				assertThat(statistics.get("lift")).isEqualTo(expected.get("lift"));
				assertThat(statistics.get("p_value")).isEqualTo(expected.get("p_value"));
				assertThat(statistics.get("p_value_adjusted")).isEqualTo(expected.get("p_value_adjusted"));
				assertThat(statistics.get("confidence_interval")).isEqualTo(expected.get("confidence_interval"));
				for (String money : List.of("rpv", "revenue", "orders", "revenue_per_visitor_improvement")) {
					assertThat(own.at("/variants/" + variant + "/" + money)).as(money)
						.isEqualTo(result.at("/variants/" + variant + "/" + money));
				}
				raw[2 * metric + variant - 1] = statistics.get("p_value").asDouble();
				adjusted[2 * metric + variant - 1] = statistics.get("p_value_metrics_adjusted").asDouble();
			}
		}
		// Holm across the four comparisons, from the (rounded) raw p-values.
		double[] holm = dev.uplift.stats.Statistics.holmAdjusted(raw);
		for (int i = 0; i < 4; i++) {
			assertThat(adjusted[i]).isCloseTo(holm[i], within(holm[i] * 2e-3 + 1e-12));
		}
		assertThat(adjusted[3]).as("bounce, Variant 2: 70 % against 50 %").isLessThan(0.05);
		// Variant 1: 130 carts of 11 over 400 visitors.
		assertThat(body.at("/metric_results/0/variants/1/rpv").asDouble()).isEqualTo(3.58);
		assertThat(body.at("/metric_results/0/variants/1/currency").isString()).isTrue();
		assertThat(body.at("/metric_results/1/variants/1").has("rpv")).isFalse();
	}

	@Test
	void metricsOfNamedGoalsInABatchComputeOnlyThoseAsked() {
		JsonNode body = metrics("?goal_keys=" + key("buy") + "," + key("bounce") + "&metric_batch=1");
		assertThat(body.get("metric_count").asInt()).isEqualTo(2);
		assertThat(body.at("/metrics/0/result_2").asLong()).isEqualTo(200);
		assertThat(body.at("/metrics/0").has("result_1")).isFalse();
		assertThat(body.get("metric_results").size()).isEqualTo(1);
		JsonNode asArray = metrics("?metric_keys=" + encode("[\"" + key("buy") + "\"]") + "&filter_by=mobile");
		assertThat(asArray.at("/metrics/1/result_1").asLong()).isZero();
		assertThat(asArray.at("/metrics/1/total").asLong()).isZero();
		assertThat(asArray.get("filter_by").asString()).isEqualTo("mobile");
	}

	@Test
	void metricsOfAReportPhaseAreTheResultsOfThatPhase() {
		Response served = this.api.post(project("/experiment/" + this.testId + "/serve-winner"),
				Map.of("variant_id", "2", "traffic_allocation", 100));
		assertThat(served.status()).as(served.body()).isEqualTo(200);
		// After the deploy: two visitors enter on the winner, one converts on cart.
		String visitor = "after-" + this.suffix;
		List<Map<String, Object>> after = List.of(Events.exposure(visitor + "-1x", visitor + "-1", this.testId, 2),
				Events.exposure(visitor + "-2x", visitor + "-2", this.testId, 2),
				Events.goal(visitor + "-1c", visitor + "-1", key("cart")));
		assertThat(this.anonymous.post(project("/collect"), Map.of("events", after)).status()).isEqualTo(202);
		for (String phase : List.of("pre_deploy", "post_deploy", "all_time")) {
			JsonNode body = metrics("?report_phase=" + phase);
			for (int metric = 0; metric < 2; metric++) {
				JsonNode own = body.get("metric_results").get(metric);
				JsonNode result = this.api
					.get(project("/experiment/" + this.testId + "/result?report_phase=" + phase + "&goal_key="
							+ own.get("metric_key").asString()))
					.json();
				for (int variant = 0; variant <= 2; variant++) {
					for (String count : List.of("visitors", "conversions")) {
						assertThat(own.at("/variants/" + variant + "/" + count))
							.as("%s, metric %d, variant %d, %s", phase, metric, variant, count)
							.isEqualTo(result.at("/variants/" + variant + "/" + count));
					}
				}
			}
		}
		JsonNode cartAfter = metrics("?report_phase=post_deploy").at("/metric_results/0/variants/2");
		assertThat(cartAfter.get("visitors").asLong()).isEqualTo(2);
		assertThat(cartAfter.get("conversions").asLong()).isEqualTo(1);
	}

	private String key(String goal) {
		return goal + "-" + this.suffix;
	}

	private JsonNode metrics(String query) {
		Response response = this.api.get(project("/experiment/" + this.testId + "/metrics" + query));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
