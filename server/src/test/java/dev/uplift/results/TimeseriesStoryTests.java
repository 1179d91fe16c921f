package dev.uplift.results;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team watches the lift settle: visitors enter and convert over three days, imported
 * with their times, and the timeseries shows each day and the running result.
 */
class TimeseriesStoryTests extends IntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final long DAY = 86_400_000L;

	private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

	private final LocalDate first = this.today.minusDays(3);

	private long testId;

	private String goalKey;

	@BeforeEach
	void threeDaysOfTraffic() {
		this.goalKey = "signup-" + System.nanoTime();
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", "Settling " + this.goalKey, "url", "https://example.com/", "variants",
						List.of(Map.of("data", List.of())), "status", 1, "primary_goal",
						Map.of("goal_name", this.goalKey, "goal_key", this.goalKey, "goal_type", "clickOnElement",
								"goal_value", ".signup")));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		this.testId = created.json().get("test_id").asLong();
		List<Map<String, Object>> events = new ArrayList<>();
		// Control: 100 enter on day 0, 20 convert that day and 10 on day 1; 100 enter on
		// day 1, 5 of them convert on day 2.
		visitors(events, "c0", 0, 0, 100, Map.of(0, 20, 1, 10));
		visitors(events, "c1", 0, 1, 100, Map.of(2, 5));
		// Variant 1: 100 enter on day 0, 30 convert on day 1; 100 enter on day 2, 40
		// convert that day.
		visitors(events, "t0", 1, 0, 100, Map.of(1, 30));
		visitors(events, "t2", 1, 2, 100, Map.of(2, 40));
		Response imported = this.api.send("POST", project("/import"), "application/x-ndjson",
				events.stream().map(json::writeValueAsString).collect(Collectors.joining("\n")));
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
	}

	@Test
	void timeseriesListsEachDayAndTheRunningResult() {
		String window = "?start_date=" + this.first + "&end_date=" + this.first.plusDays(2);
		JsonNode body = timeseries(window);
		assertThat(body.get("test_id").asLong()).isEqualTo(this.testId);
		assertThat(body.at("/goal/goal_key").asString()).isEqualTo(this.goalKey);
		assertThat(body.get("query_start_date").asString()).isEqualTo(this.first.toString());
		assertThat(body.get("effective_end_date").asString()).isEqualTo(this.first.plusDays(2).toString());
		assertThat(body.get("count").asInt()).isEqualTo(6);
		JsonNode rows = body.get("timeseries");
		// variant, day: visitors, conversions, cumulative visitors, cumulative
		// conversions
		long[][] expected = { { 100, 20, 100, 20 }, { 100, 0, 100, 0 }, { 100, 10, 200, 30 }, { 0, 30, 100, 30 },
				{ 0, 5, 200, 35 }, { 100, 40, 200, 70 } };
		for (int i = 0; i < 6; i++) {
			JsonNode row = rows.get(i);
			assertThat(row.get("variant_id").asString()).isEqualTo(Integer.toString(i % 2));
			assertThat(row.get("date").asString()).isEqualTo(this.first.plusDays(i / 2).toString());
			assertThat(row.get("created_at").asString()).isEqualTo(this.first.plusDays(i / 2) + "T00:00:00.000Z");
			assertThat(new long[] { row.get("visitors").asLong(), row.get("conversions").asLong(),
					row.get("cumulative_visitors").asLong(), row.get("cumulative_conversions").asLong() })
				.as("row " + i)
				.containsExactly(expected[i]);
		}
		assertThat(rows.get(0).has("cumulative_improvement")).isFalse();
		assertThat(rows.get(1).get("cumulative_improvement").asDouble()).isEqualTo(-100.0);
		// Each day's running numbers are the result of the window ending that day, the
		// interval the result's always-valid one.
		for (int day = 0; day < 3; day++) {
			JsonNode result = this.api
				.get(project("/experiment/" + this.testId + "/result?start_date=" + this.first + "&end_date="
						+ this.first.plusDays(day)))
				.json();
			JsonNode treatment = rows.get(2 * day + 1);
			assertThat(treatment.get("cumulative_conversion_rate").asDouble())
				.isEqualTo(result.at("/variants/1/conversion_rate").asDouble());
			assertThat(rows.get(2 * day).get("cumulative_conversion_rate").asDouble())
				.isEqualTo(result.at("/variants/0/conversion_rate").asDouble());
			assertThat(treatment.get("cumulative_improvement").asDouble())
				.isEqualTo(result.at("/variants/1/improvement").asDouble());
			assertThat(treatment.get("cumulative_confidence_interval"))
				.isEqualTo(result.at("/variants/1/statistics/confidence_interval"));
			assertThat(treatment.get("cumulative_p_value").asDouble())
				.isEqualTo(result.at("/variants/1/statistics/p_value").asDouble());
		}
		assertThat(result(2).at("/variants/1/statistics/sequential").asBoolean()).isTrue();
	}

	@Test
	void timeseriesWithoutDatesRunsFromTheFirstEntryToToday() {
		JsonNode body = timeseries("");
		assertThat(body.has("query_start_date")).isFalse();
		assertThat(body.get("effective_start_date").asString()).isEqualTo(this.first.toString());
		assertThat(body.get("effective_end_date").asString()).isEqualTo(this.today.toString());
		assertThat(body.get("count").asInt()).isEqualTo(8);
		JsonNode lastControl = body.get("timeseries").get(6);
		assertThat(lastControl.get("visitors").asLong()).isZero();
		assertThat(lastControl.get("cumulative_visitors").asLong()).isEqualTo(200);
	}

	@Test
	void timeseriesInAnotherOffsetCountsByScanWithItsDays() {
		// Five hours east, the entries of each day at 21:00 UTC fall on the next day.
		JsonNode body = timeseries(
				"?tz=5&start_date=" + this.first.plusDays(1) + "&end_date=" + this.first.plusDays(3));
		JsonNode rows = body.get("timeseries");
		assertThat(rows.get(0).get("date").asString()).isEqualTo(this.first.plusDays(1).toString());
		assertThat(rows.get(0).get("created_at").asString()).isEqualTo(this.first + "T19:00:00.000Z");
		assertThat(rows.get(0).get("visitors").asLong()).isEqualTo(100);
		assertThat(rows.get(0).get("conversions").asLong()).isEqualTo(20);
		JsonNode last = rows.get(5);
		JsonNode result = this.api
			.get(project("/experiment/" + this.testId + "/result?tz=5&start_date=" + this.first.plusDays(1)
					+ "&end_date=" + this.first.plusDays(3)))
			.json();
		assertThat(last.get("cumulative_visitors").asLong()).isEqualTo(result.at("/variants/1/visitors").asLong());
		assertThat(last.get("cumulative_conversions").asLong())
			.isEqualTo(result.at("/variants/1/conversions").asLong());
	}

	@Test
	void timeseriesOfASegmentCountsOnlyItsVisitors() {
		JsonNode body = timeseries("?filter_by=mobile&start_date=" + this.first + "&end_date=" + this.first);
		assertThat(body.get("timeseries").get(0).get("visitors").asLong()).isEqualTo(50);
		assertThat(body.get("timeseries").get(0).get("conversions").asLong()).isEqualTo(10);
	}

	@Test
	void timeseriesOfARevenueGoalCarriesEachDaysRevenueAndOrders() {
		String order = "Order-" + System.nanoTime();
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", "Revenue " + order, "url", "https://example.com/", "variants",
						List.of(Map.of("data", List.of())), "status", 1, "primary_goal",
						Map.of("goal_name", order, "goal_type", "revenue", "goal_value", order)));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		long revenueTest = created.json().get("test_id").asLong();
		long base = this.first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		List<Map<String, Object>> events = new ArrayList<>();
		for (String visitor : List.of("rc-a-" + order, "rc-b-" + order)) {
			events.add(Events.at(Events.exposure(visitor + "-x", visitor, revenueTest, 0), base + 3_600_000L));
		}
		events.add(Events.at(Events.exposure("rt-" + order + "-x", "rt-" + order, revenueTest, 1), base + 3_600_000L));
		// Control's first buyer orders on day 0 and again on day 1: both orders count on
		// the day of the first conversion. The treatment's buyer orders on day 1.
		events.add(Events.at(Events.named("o1-" + order, "rc-a-" + order, order, 49.99), base + 7_200_000L));
		events.add(Events.at(Events.named("o2-" + order, "rc-a-" + order, order, 10.01), base + DAY + 7_200_000L));
		events.add(Events.at(Events.named("o3-" + order, "rt-" + order, order, 20.0), base + DAY + 7_200_000L));
		Response imported = this.api.send("POST", project("/import"), "application/x-ndjson",
				events.stream().map(json::writeValueAsString).collect(Collectors.joining("\n")));
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);

		Response response = this.api.get(project("/experiment/" + revenueTest + "/timeseries?start_date=" + this.first
				+ "&end_date=" + this.first.plusDays(1)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode rows = response.json().get("timeseries");
		assertThat(rows.get(0).get("revenue").asDouble()).isEqualTo(60.0);
		assertThat(rows.get(0).get("orders").asLong()).isEqualTo(2);
		assertThat(rows.get(1).get("revenue").asDouble()).isZero();
		assertThat(rows.get(2).get("orders").asLong()).isZero();
		assertThat(rows.get(3).get("revenue").asDouble()).isEqualTo(20.0);
		assertThat(rows.get(3).get("orders").asLong()).isEqualTo(1);
		assertThat(timeseries("").get("timeseries").get(0).has("revenue")).as("a click goal").isFalse();
	}

	private JsonNode result(int lastDay) {
		return this.api
			.get(project("/experiment/" + this.testId + "/result?start_date=" + this.first + "&end_date="
					+ this.first.plusDays(lastDay)))
			.json();
	}

	private JsonNode timeseries(String query) {
		Response response = this.api.get(project("/experiment/" + this.testId + "/timeseries" + query));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	/**
	 * Visitors of one arm who enter at 21:00 UTC of {@code day} (every other one on
	 * mobile), and per later day how many of them first convert at 22:00 that day, in
	 * order, each converter twice.
	 */
	private void visitors(List<Map<String, Object>> events, String prefix, int variant, int day, int count,
			Map<Integer, Integer> convertersByDay) {
		long base = this.first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
		int next = 0;
		List<Integer> conversionDays = new ArrayList<>();
		convertersByDay.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((entry) -> {
			for (int i = 0; i < entry.getValue(); i++) {
				conversionDays.add(entry.getKey());
			}
		});
		for (int i = 0; i < count; i++) {
			String visitor = prefix + "-" + this.testId + "-" + i;
			Map<String, Object> exposure = Events.exposure(visitor + "-x", visitor, this.testId, variant);
			exposure.put("attributes", Map.of("device", (i % 2 == 0) ? "mobile" : "desktop"));
			events.add(Events.at(exposure, base + day * DAY + 21 * 3_600_000L));
			if (next < conversionDays.size()) {
				long at = base + conversionDays.get(next++) * DAY + 22 * 3_600_000L;
				events.add(Events.at(Events.goal(visitor + "-g1", visitor, this.goalKey), at));
				events.add(Events.at(Events.goal(visitor + "-g2", visitor, this.goalKey), at + 60_000));
			}
		}
	}

}
