package dev.uplift.results;

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
 * A shop's journey with revenue: configure the project's currencies, record purchases in
 * several currencies, read revenue per visitor; and what is refused on the way.
 */
class RevenueResultTests extends IntegrationTest {

	@Test
	void resultWhenPurchasesCarryRevenueReportsRevenueFieldsInTheReportingCurrency() {
		String base = newProject("Shop");
		assertThat(patch(base + "/configuration", "{\"currency_rates\": {\"EUR\": 1.1}}").status()).isEqualTo(200);
		long testId = liveExperiment(base, "Checkout", Map.of("goal_name", "Purchase", "goal_key", "purchase",
				"goal_type", "revenue", "goal_value", "Purchase"));
		collect(base,
				List.of(Events.exposure("c1-x", "c1", testId, 0), Events.exposure("c2-x", "c2", testId, 0),
						Events.exposure("c3-x", "c3", testId, 0), Events.exposure("c4-x", "c4", testId, 0),
						Events.exposure("t1-x", "t1", testId, 1), Events.exposure("t2-x", "t2", testId, 1),
						Events.exposure("t3-x", "t3", testId, 1), Events.exposure("t4-x", "t4", testId, 1),
						purchase("c1-p1", "c1", 10.0, null), purchase("c1-p2", "c1", 5.5, "USD"),
						purchase("c2-p1", "c2", 20.0, null), purchase("t1-p1", "t1", 30.0, "EUR"),
						purchase("t2-p1", "t2", 12.0, "GBP")));

		JsonNode body = this.api.get(base + "/experiment/" + testId + "/result").json();

		assertThat(body.get("has_revenue").asBoolean()).isTrue();
		assertThat(body.get("currency").asString()).isEqualTo("USD");
		assertThat(body.get("total_revenue").asDouble()).isEqualTo(68.5);
		assertThat(body.get("total_orders").asLong()).isEqualTo(4);
		assertThat(body.get("rpv").asDouble()).isEqualTo(8.56);
		assertThat(body.get("aov").asDouble()).isEqualTo(17.13);
		assertThat(body.get("orders_excluded").asLong()).isEqualTo(1);
		assertThat(body.get("orders_excluded_reason").asString()).contains("without a rate to USD");
		assertThat(body.at("/goal/goal_source").asString()).isEqualTo("experiment");
		JsonNode control = body.get("variants").get(0);
		assertThat(control.get("conversions").asLong()).isEqualTo(2);
		assertThat(control.get("revenue").asDouble()).isEqualTo(35.5);
		assertThat(control.get("orders").asLong()).isEqualTo(3);
		assertThat(control.get("rpv").asDouble()).isEqualTo(8.88);
		assertThat(control.get("aov").asDouble()).isEqualTo(11.83);
		assertThat(control.has("revenue_per_visitor_improvement")).isFalse();
		JsonNode treatment = body.get("variants").get(1);
		// The GBP buyer converted: a conversion, not revenue.
		assertThat(treatment.get("conversions").asLong()).isEqualTo(2);
		assertThat(treatment.get("revenue").asDouble()).isEqualTo(33.0);
		assertThat(treatment.get("orders").asLong()).isEqualTo(1);
		assertThat(treatment.get("currency").asString()).isEqualTo("USD");
		// (33.00 / 4) / (35.50 / 4) − 1, unrounded, in percent.
		assertThat(treatment.get("revenue_per_visitor_improvement").asDouble()).isEqualTo(-7.04);
		assertThat(treatment.at("/revenue_statistics/estimable").asBoolean()).isTrue();
		assertThat(treatment.at("/revenue_statistics/lift").asDouble()).isEqualTo(-7.04);
		assertThat(treatment.at("/revenue_statistics/confidence_interval").size()).isEqualTo(2);
	}

	@Test
	void resultWhenGoalHasNoRevenueOmitsEveryRevenueField() {
		String base = newProject("Leads");
		long testId = liveExperiment(base, "Form",
				Map.of("goal_name", "Lead", "goal_key", "lead", "goal_type", "event", "goal_value", "Lead"));
		collect(base, List.of(Events.exposure("a-x", "a", testId, 0), Events.named("a-l", "a", "Lead", null)));

		JsonNode body = this.api.get(base + "/experiment/" + testId + "/result").json();

		assertThat(body.get("has_revenue").asBoolean()).isFalse();
		assertThat(body.get("total_conversions").asLong()).isEqualTo(1);
		for (String field : List.of("total_revenue", "total_orders", "rpv", "aov", "currency", "orders_excluded")) {
			assertThat(body.has(field)).as(field).isFalse();
		}
		assertThat(body.get("variants").get(0).has("revenue")).isFalse();
		assertThat(body.get("variants").get(1).has("revenue_statistics")).isFalse();
	}

	@Test
	void collectWhenRevenueIsBadRejectsThatEventAloneNamingTheField() {
		String base = newProject("Bad revenue");
		long testId = liveExperiment(base, "Cart", Map.of("goal_name", "Purchase", "goal_key", "purchase", "goal_type",
				"revenue", "goal_value", "Purchase"));
		String body = """
				{"events": [
				  {"type": "exposure", "event_id": "x", "visitor_id": "v", "test_id": %d, "variant_id": "0"},
				  {"type": "event", "event_id": "neg", "visitor_id": "v", "name": "Purchase", "properties": {"revenue": -5}},
				  {"type": "event", "event_id": "inf", "visitor_id": "v", "name": "Purchase", "properties": {"revenue": 1e400}},
				  {"type": "event", "event_id": "big", "visitor_id": "v", "name": "Purchase", "properties": {"revenue": 2e12}},
				  {"type": "event", "event_id": "txt", "visitor_id": "v", "name": "Purchase", "properties": {"revenue": "12"}},
				  {"type": "event", "event_id": "cur", "visitor_id": "v", "name": "Purchase",
				   "properties": {"revenue": 12, "currency": "XYZ"}},
				  {"type": "goal", "event_id": "goal", "visitor_id": "v", "goal_key": "purchase",
				   "properties": {"revenue": -1}},
				  {"type": "event", "event_id": "ok", "visitor_id": "v", "name": "Purchase",
				   "properties": {"revenue": 12.34, "currency": "usd"}}
				]}"""
			.formatted(testId);

		Response response = this.anonymous.send("POST", base + "/collect", "application/json", body);

		assertThat(response.status()).isEqualTo(202);
		JsonNode rejected = response.json().get("rejected");
		assertThat(rejected.size()).isEqualTo(6);
		assertThat(rejected.get(0).get("index").asInt()).isEqualTo(1);
		assertThat(rejected.get(0).get("error").asString()).contains("'properties.revenue' must not be negative");
		assertThat(rejected.get(1).get("error").asString()).contains("'properties.revenue' must be a finite number");
		assertThat(rejected.get(2).get("error").asString()).contains("'properties.revenue' must be at most 1e12");
		assertThat(rejected.get(3).get("error").asString()).contains("'properties.revenue' must be a finite number");
		assertThat(rejected.get(4).get("error").asString()).contains("'properties.currency' must be an ISO 4217");
		assertThat(rejected.get(5).get("index").asInt()).isEqualTo(6);
		JsonNode result = this.api.get(base + "/experiment/" + testId + "/result").json();
		assertThat(result.get("total_revenue").asDouble()).isEqualTo(12.34);
		assertThat(result.get("total_orders").asLong()).isEqualTo(1);
	}

	private String newProject(String name) {
		String projectKey = this.api.post(project("/projects"), Map.of("name", name))
			.json()
			.at("/project/project_key")
			.asString();
		return "/v2/project/" + projectKey;
	}

	private long liveExperiment(String base, String name, Map<String, Object> goal) {
		return Experiments.live(this.api, base, Map.of("test_name", name, "url", "https://shop.example/", "variants",
				List.of(Map.of("data", List.of())), "primary_goal", goal));
	}

	private void collect(String base, List<Map<String, Object>> events) {
		Experiments.collectAll(this.anonymous, base, events);
	}

	private Response patch(String path, String json) {
		return this.api.send("PATCH", path, "application/json", json);
	}

	private static Map<String, Object> purchase(String eventId, String visitor, double revenue, String currency) {
		Map<String, Object> event = Events.named(eventId, visitor, "Purchase", null);
		event.put("properties",
				(currency != null) ? Map.of("revenue", revenue, "currency", currency) : Map.of("revenue", revenue));
		return event;
	}

}
