package dev.uplift.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shop reads its revenue everywhere a result is read: per segment of a breakdown and of
 * a filter, per metric, per day in any offset, and per report phase once the winner is
 * served, where the A/B period's revenue stops at the deploy like its conversions.
 */
class RevenueStoryTests extends IntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final long HOUR = 3_600_000L;

	private String base;

	private long testId;

	@BeforeEach
	void shop() {
		String projectKey = this.api.post(project("/projects"), Map.of("name", "Revenue " + System.nanoTime()))
			.json()
			.at("/project/project_key")
			.asString();
		this.base = "/v2/project/" + projectKey;
		this.testId = Experiments.live(this.api, this.base,
				Map.of("test_name", "Checkout", "url", "https://shop.example/", "variants",
						List.of(Map.of("data", List.of())), "primary_goal", Map.of("goal_name", "Purchase", "goal_key",
								"purchase", "goal_type", "revenue", "goal_value", "Purchase")));
	}

	@Test
	void resultBrokenDownByDeviceReportsEachSegmentsRevenueAsTheTopLevelDoes() {
		collectShop();

		JsonNode body = get("/result?breakdown_by=device");

		JsonNode mobile = segment(body, "mobile");
		assertThat(mobile.get("has_revenue").asBoolean()).isTrue();
		assertThat(mobile.get("currency").asString()).isEqualTo("USD");
		assertThat(mobile.get("total_revenue").asDouble()).isEqualTo(45.5);
		assertThat(mobile.get("total_orders").asLong()).isEqualTo(3);
		assertThat(mobile.get("rpv").asDouble()).isEqualTo(15.17);
		assertThat(mobile.get("aov").asDouble()).isEqualTo(15.17);
		assertThat(mobile.at("/variants/0/revenue").asDouble()).isEqualTo(15.5);
		assertThat(mobile.at("/variants/0/orders").asLong()).isEqualTo(2);
		assertThat(mobile.at("/variants/0/rpv").asDouble()).isEqualTo(7.75);
		assertThat(mobile.at("/variants/1/revenue").asDouble()).isEqualTo(30.0);
		// (30.00 / 1) / (15.50 / 2) − 1, unrounded, in percent.
		assertThat(mobile.at("/variants/1/revenue_per_visitor_improvement").asDouble()).isEqualTo(287.1);
		assertThat(mobile.at("/variants/1/revenue_statistics/estimable").isBoolean()).isTrue();
		JsonNode desktop = segment(body, "desktop");
		assertThat(desktop.get("total_revenue").asDouble()).isEqualTo(32.0);
		assertThat(desktop.get("aov").asDouble()).isEqualTo(16.0);
		assertThat(desktop.at("/variants/1/rpv").asDouble()).isEqualTo(6.0);
		assertThat(desktop.at("/variants/1/revenue_per_visitor_improvement").asDouble()).isEqualTo(-70.0);
		// Filtered: the first request scans and builds the segment index, the second may
		// be asked of the index; both carry the same revenue.
		for (int request = 0; request < 2; request++) {
			JsonNode filtered = get("/result?filter_by=mobile");
			assertThat(filtered.get("total_revenue").asDouble()).isEqualTo(45.5);
			assertThat(filtered.at("/variants/1/revenue_per_visitor_improvement").asDouble()).isEqualTo(287.1);
		}
	}

	@Test
	void resultOfARevenueGoalWithoutOrdersBrokenDownHasZeroRevenueInEachSegment() {
		collect(List.of(exposure("a", 0, "mobile"), exposure("b", 1, "desktop")));

		JsonNode mobile = segment(get("/result?breakdown_by=device"), "mobile");

		assertThat(mobile.get("has_revenue").asBoolean()).isTrue();
		assertThat(mobile.get("total_revenue").asDouble()).isZero();
		assertThat(mobile.at("/variants/0/revenue").asDouble()).isZero();
	}

	@Test
	void metricsOfARevenueGoalCarryItsRevenueFieldsLikeItsResult() {
		collectShop();

		JsonNode metric = get("/metrics?metric_keys=purchase").at("/metric_results/0");
		JsonNode result = get("/result?goal_key=purchase");

		assertThat(metric.get("has_revenue").asBoolean()).isTrue();
		for (String field : List.of("total_revenue", "total_orders", "rpv", "aov", "currency")) {
			assertThat(metric.get(field)).as(field).isEqualTo(result.get(field));
		}
		for (int variant = 0; variant < 2; variant++) {
			for (String field : List.of("revenue", "orders", "rpv", "aov", "revenue_per_visitor_improvement",
					"revenue_statistics")) {
				assertThat(metric.at("/variants/" + variant + "/" + field)).as("variant %d, %s", variant, field)
					.isEqualTo(result.at("/variants/" + variant + "/" + field));
			}
		}
		assertThat(metric.get("total_revenue").asDouble()).isEqualTo(77.5);
	}

	@Test
	void timeseriesInAnotherOffsetCarriesTheRevenueOfTheRollups() {
		collectShop();

		Map<String, double[]> byRollups = revenueByVariant(get("/timeseries"));
		Map<String, double[]> byScan = revenueByVariant(get("/timeseries?tz=0.25"));

		assertThat(byScan).usingRecursiveComparison().isEqualTo(byRollups);
		assertThat(byRollups.get("0")).containsExactly(35.5, 3);
		assertThat(byRollups.get("1")).containsExactly(42.0, 2);
	}

	@Test
	void preDeployRevenueStopsAtTheDeployLikeItsConversions() {
		long now = System.currentTimeMillis();
		imported(List.of(Events.at(Events.exposure("c1-x", "c1", this.testId, 0), now - 2 * HOUR),
				Events.at(Events.exposure("t1-x", "t1", this.testId, 1), now - 2 * HOUR),
				Events.at(Events.exposure("t2-x", "t2", this.testId, 1), now - 2 * HOUR),
				Events.at(purchase("c1-p1", "c1", 10.0), now - HOUR),
				Events.at(purchase("t1-p1", "t1", 20.0), now - HOUR)));
		Response served = this.api.post(this.base + "/experiment/" + this.testId + "/serve-winner",
				Map.of("variant_id", "1", "traffic_allocation", 100));
		assertThat(served.status()).as(served.body()).isEqualTo(200);
		// After the deploy: the visitors of the A/B period buy again or for the first
		// time,
		// and a new visitor enters on the winner and buys.
		collect(List.of(purchase("c1-p2", "c1", 5.0), purchase("t2-p1", "t2", 7.0), exposure("n1", 1, "mobile"),
				purchase("n1-p1", "n1", 9.0)));

		JsonNode before = get("/result?report_phase=pre_deploy");
		assertThat(before.get("total_conversions").asLong()).isEqualTo(2);
		assertThat(before.get("total_revenue").asDouble()).isEqualTo(30.0);
		assertThat(before.get("total_orders").asLong()).isEqualTo(2);
		assertThat(before.at("/variants/0/revenue").asDouble()).isEqualTo(10.0);
		assertThat(before.at("/variants/1/revenue").asDouble()).isEqualTo(20.0);
		assertThat(get("/result").get("total_revenue").asDouble()).as("pre_deploy by default while serving")
			.isEqualTo(30.0);
		assertThat(get("/result?report_phase=post_deploy").get("total_revenue").asDouble()).isEqualTo(9.0);
		JsonNode all = get("/result?report_phase=all_time");
		assertThat(all.get("total_revenue").asDouble()).isEqualTo(51.0);
		assertThat(all.get("total_orders").asLong()).isEqualTo(5);
		assertThat(get("/metrics?metric_keys=purchase&report_phase=pre_deploy").at("/metric_results/0/total_revenue")
			.asDouble()).isEqualTo(30.0);
		assertThat(segment(get("/result?report_phase=pre_deploy&breakdown_by=device"), "unknown").get("total_revenue")
			.asDouble()).isEqualTo(30.0);
		for (String phase : List.of("pre_deploy", "post_deploy", "all_time")) {
			JsonNode series = get("/timeseries?report_phase=" + phase);
			JsonNode result = get("/result?report_phase=" + phase);
			assertThat(series.get("report_phase").asString()).isEqualTo(phase);
			assertThat(revenueByVariant(series).values().stream().mapToDouble((sums) -> sums[0]).sum()).as(phase)
				.isEqualTo(result.get("total_revenue").asDouble());
			JsonNode rows = series.get("timeseries");
			for (int variant = 0; variant < 2; variant++) {
				JsonNode last = rows.get(rows.size() - 2 + variant);
				assertThat(last.get("cumulative_visitors")).as(phase)
					.isEqualTo(result.at("/variants/" + variant + "/visitors"));
				assertThat(last.get("cumulative_conversions")).as(phase)
					.isEqualTo(result.at("/variants/" + variant + "/conversions"));
			}
		}
	}

	/**
	 * Mobile: Control c1 (10 + 5.50) and c3 (none), Variant 1 t1 (30); desktop: Control
	 * c2 (20), Variant 1 t2 (12) and t3 (none).
	 */
	private void collectShop() {
		collect(List.of(exposure("c1", 0, "mobile"), exposure("c2", 0, "desktop"), exposure("c3", 0, "mobile"),
				exposure("t1", 1, "mobile"), exposure("t2", 1, "desktop"), exposure("t3", 1, "desktop"),
				purchase("c1-p1", "c1", 10.0), purchase("c1-p2", "c1", 5.5), purchase("c2-p1", "c2", 20.0),
				purchase("t1-p1", "t1", 30.0), purchase("t2-p1", "t2", 12.0)));
	}

	/** Per variant, the revenue and orders of every row of a timeseries. */
	private static Map<String, double[]> revenueByVariant(JsonNode series) {
		Map<String, double[]> sums = new LinkedHashMap<>();
		for (JsonNode row : series.get("timeseries")) {
			assertThat(row.has("revenue")).as(row.toString()).isTrue();
			double[] variant = sums.computeIfAbsent(row.get("variant_id").asString(), (id) -> new double[2]);
			variant[0] += row.get("revenue").asDouble();
			variant[1] += row.get("orders").asLong();
		}
		return sums;
	}

	private static JsonNode segment(JsonNode result, String criteria) {
		for (JsonNode segment : result.get("breakdowns")) {
			if (segment.get("criteria").asString().equals(criteria)) {
				return segment;
			}
		}
		throw new AssertionError("no segment " + criteria + " in " + result);
	}

	private JsonNode get(String path) {
		Response response = this.api.get(this.base + "/experiment/" + this.testId + path);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private void collect(List<Map<String, Object>> events) {
		Experiments.collectAll(this.anonymous, this.base, events);
	}

	private void imported(List<Map<String, Object>> events) {
		Response response = this.api.send("POST", this.base + "/import", "application/x-ndjson",
				events.stream().map(json::writeValueAsString).collect(Collectors.joining("\n")));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("accepted").asLong()).as(response.body()).isEqualTo(events.size());
	}

	private Map<String, Object> exposure(String visitor, int variant, String device) {
		Map<String, Object> event = Events.exposure(visitor + "-x", visitor, this.testId, variant);
		event.put("attributes", Map.of("device", device));
		return event;
	}

	private static Map<String, Object> purchase(String eventId, String visitor, double revenue) {
		Map<String, Object> event = Events.named(eventId, visitor, "Purchase", null);
		event.put("properties", Map.of("revenue", revenue));
		return event;
	}

}
