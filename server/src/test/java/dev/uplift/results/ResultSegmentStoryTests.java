package dev.uplift.results;

import java.util.ArrayList;
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
 * An analyst cuts a live experiment's result by device and country through HTTP
 * (docs/api.md §2): filters, a breakdown with its statistics per segment, and the top
 * segments of an attribute with many values.
 */
class ResultSegmentStoryTests extends IntegrationTest {

	@Test
	void resultFilteredAndBrokenDownCountsEachSegmentAgainstItsOwnControl() {
		String goalKey = "seg-" + System.nanoTime();
		long testId = Experiments.create(this.api, project(""), "Segments " + goalKey, goalKey, 1);
		List<Map<String, Object>> events = new ArrayList<>();
		// Mobile in the US: 300 per arm, Control converts 30, the treatment 60.
		visitors(events, testId, goalKey, "us-m", "mobile", "US", 300, 30, 60);
		// Desktop in the US and mobile in France: 50 per arm, 5 converters each.
		visitors(events, testId, goalKey, "us-d", "desktop", "US", 50, 5, 5);
		visitors(events, testId, goalKey, "fr-m", "mobile", "FR", 50, 5, 5);
		Events.batches(events, 1000)
			.forEach((batch) -> assertThat(this.anonymous.post(project("/collect"), batch).status()).isEqualTo(202));

		JsonNode mobile = result(testId, "?filter_by=mobile").json();
		assertThat(mobile.get("total_visitors").asLong()).isEqualTo(700);
		assertThat(mobile.at("/variants/1/conversions").asLong()).isEqualTo(65);
		JsonNode mobileUs = result(testId, "?filter_by=mobile,country-US").json();
		assertThat(mobileUs.get("total_visitors").asLong()).isEqualTo(600);
		JsonNode either = result(testId, "?filter_by=mobile,country-US,country-FR").json();
		assertThat(either.get("total_visitors").asLong()).isEqualTo(700);
		JsonNode custom = result(testId,
				"?custom_filter=" + encode("[[{\"criteria\":\"device\",\"operator\":\"==\",\"value\":\"desktop\"},"
						+ "{\"criteria\":\"country\",\"operator\":\"==\",\"value\":\"FR\"}]]"))
			.json();
		assertThat(custom.get("total_visitors").asLong()).isEqualTo(200);

		JsonNode byCountry = result(testId, "?breakdown_by=country").json();
		assertThat(byCountry.get("breakdown_by").asString()).isEqualTo("country");
		assertThat(byCountry.get("total_visitors").asLong()).isEqualTo(800);
		JsonNode us = byCountry.at("/breakdowns/0");
		assertThat(us.get("criteria").asString()).isEqualTo("US");
		assertThat(us.get("total_visitors").asLong()).isEqualTo(700);
		assertThat(us.get("total_conversions").asLong()).isEqualTo(100);
		assertThat(us.get("conversion_rate").asDouble()).isEqualTo(14.29);
		assertThat(us.at("/variants/1/improvement").asDouble()).isEqualTo(85.71);
		assertThat(us.at("/variants/1/statistics/estimable").asBoolean()).isTrue();
		assertThat(us.at("/variants/1/statistics/p_value_segments_adjusted").asDouble())
			.isGreaterThanOrEqualTo(us.at("/variants/1/statistics/p_value").asDouble());
		assertThat(us.at("/srm/detected").asBoolean()).isFalse();
		JsonNode france = byCountry.at("/breakdowns/1");
		assertThat(france.get("criteria").asString()).isEqualTo("FR");
		assertThat(france.get("total_visitors").asLong()).isEqualTo(100);
		// 50 visitors an arm: listed, but below the minimum sample of a segment.
		assertThat(france.at("/variants/1/statistics/estimable").asBoolean()).isFalse();
		assertThat(byCountry.get("breakdowns").size()).isEqualTo(2);
	}

	@Test
	void breakdownOfAnAttributeWithManyValuesListsTheLargestAndSumsTheRest() {
		String goalKey = "pages-" + System.nanoTime();
		long testId = Experiments.create(this.api, project(""), "Pages " + goalKey, goalKey, 1);
		List<Map<String, Object>> events = new ArrayList<>();
		int pages = Breakdown.MAX_SEGMENTS + 20;
		for (int page = 0; page < pages; page++) {
			// Page 0 has the most visitors, then page 1, ...: the last 20 are summed.
			for (int i = 0; i < 2 + (pages - page) / 10; i++) {
				String visitor = "p" + page + "-" + i;
				Map<String, Object> exposure = Events.exposure(visitor, visitor, testId, i % 2);
				exposure.put("attributes", Map.of("landing_page", "/page/" + page));
				events.add(exposure);
			}
		}
		Events.batches(events, 1000)
			.forEach((batch) -> assertThat(this.anonymous.post(project("/collect"), batch).status()).isEqualTo(202));

		JsonNode body = result(testId, "?breakdown_by=landing_page").json();
		JsonNode breakdowns = body.get("breakdowns");
		assertThat(breakdowns.size()).isEqualTo(Breakdown.MAX_SEGMENTS + 1);
		assertThat(breakdowns.get(0).get("criteria").asString()).isEqualTo("/page/0");
		JsonNode other = breakdowns.get(Breakdown.MAX_SEGMENTS);
		assertThat(other.get("criteria").asString()).isEqualTo(Breakdown.OTHER);
		long listed = 0;
		for (JsonNode segment : breakdowns) {
			listed += segment.get("total_visitors").asLong();
		}
		assertThat(listed).isEqualTo(body.get("total_visitors").asLong());
	}

	@Test
	void resultWithAnEventAttributeCountsOnlyVisitorsWhoseGoalEventsCarriedMatchingProperties() {
		String key = "buy-" + System.nanoTime();
		String clickKey = "click-" + key;
		goal(key, "revenue", "Purchase " + key);
		goal(clickKey, "clickOnElement", ".buy");
		Response created = this.api.post(project("/create-experiment"),
				Map.of("test_name", "Plans " + key, "url", "https://example.com/", "variants",
						List.of(Map.of("data", List.of())), "primary_goal_key", key, "secondary_goal_keys",
						List.of(clickKey), "status", 1));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		long testId = created.json().get("test_id").asLong();
		List<Map<String, Object>> events = new ArrayList<>();
		// Per arm 100 visitors; Control: 10 buy pro (20 each), 30 free (5 each); the
		// treatment: 25 pro, of whom 5 twice, 10 free, and 5 whose goal event carries the
		// plan.
		for (int variant = 0; variant < 2; variant++) {
			for (int i = 0; i < 100; i++) {
				String visitor = key + "-" + variant + "-" + i;
				events.add(Events.exposure(visitor + "-x", visitor, testId, variant));
				int pro = (variant == 0) ? 10 : 25;
				int free = (variant == 0) ? 30 : 10;
				if (i < pro) {
					events.add(purchase(visitor + "-p", visitor, key, Map.of("plan", "pro", "amount", 20)));
				}
				else if (i < pro + free) {
					events.add(purchase(visitor + "-f", visitor, key,
							Map.of("plan", "free", "amount", "5", "cart", Map.of("items", 3))));
				}
				if (variant == 1 && i < 5) {
					events.add(purchase(visitor + "-q", visitor, key, Map.of("plan", "pro", "amount", 20)));
				}
				if (variant == 1 && i >= 90 && i < 95) {
					Map<String, Object> goal = Events.goal(visitor + "-g", visitor, key);
					goal.put("properties", Map.of("plan", "Pro"));
					events.add(goal);
				}
			}
		}
		Events.batches(events, 1000)
			.forEach((batch) -> assertThat(this.anonymous.post(project("/collect"), batch).status()).isEqualTo(202));

		JsonNode all = result(testId, "").json();
		assertThat(conversions(all)).containsExactly(40L, 40L);
		assertThat(all.get("has_revenue").asBoolean()).isTrue();
		JsonNode pro = result(testId,
				"?event_attribute=" + encode("[[{\"key\":\"plan\",\"operand\":\"=\",\"value\":\"PRO\"}]]"))
			.json();
		assertThat(conversions(pro)).containsExactly(10L, 30L);
		assertThat(pro.get("total_visitors").asLong()).isEqualTo(200);
		assertThat(pro.get("has_revenue").asBoolean()).isFalse();
		String freeOrBig = "[[{\"key\":\"plan\",\"operator\":\"!=\",\"value\":\"pro\"},"
				+ "{\"key\":\"cart.items\",\"operand\":\">=\",\"value\":3}],"
				+ "[{\"key\":\"amount\",\"operand\":\">\",\"value\":\"19.5\"}]]";
		assertThat(conversions(result(testId, "?event_attribute=" + encode(freeOrBig)).json())).containsExactly(40L,
				35L);
		assertThat(conversions(
				result(testId, "?event_attribute=" + encode("{\"key\":\"coupon\",\"operand\":\"nx\"}") + "&min_count=2")
					.json()))
			.containsExactly(0L, 5L);
		assertThat(conversions(
				result(testId, "?event_attribute=" + encode("{\"key\":\"plan\",\"operand\":\"**\",\"value\":\"RE\"}"))
					.json()))
			.containsExactly(30L, 10L);
		JsonNode byDay = this.api
			.get(project("/experiment/" + testId + "/timeseries?event_attribute="
					+ encode("[[{\"key\":\"plan\",\"operand\":\"=\",\"value\":\"pro\"}]]")))
			.json();
		long treatment = 0;
		for (JsonNode row : byDay.get("timeseries")) {
			treatment += row.get("variant_id").asString().equals("1") ? row.get("conversions").asLong() : 0;
		}
		assertThat(treatment).isEqualTo(30);
		Response metrics = this.api.get(project("/experiment/" + testId + "/metrics?metric_keys=" + key
				+ "&event_attribute=" + encode("[[{\"key\":\"plan\",\"operand\":\"=\",\"value\":\"pro\"}]]")));
		assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
		assertThat(metrics.json().at("/metrics/1/result_1").asLong()).isEqualTo(30);
		Response click = this.api.get(project("/experiment/" + testId + "/result?goal_key=" + clickKey
				+ "&event_attribute=" + encode("[[{\"key\":\"plan\",\"operand\":\"ex\"}]]")));
		assertThat(click.status()).isEqualTo(400);
		assertThat(click.json().get("error").asString())
			.startsWith("event_attribute: applies to event, revenue and script goals")
			.endsWith("goal '" + clickKey + "' is a clickOnElement goal");
	}

	private void goal(String key, String type, String value) {
		Response goal = this.api.post(project("/goal"),
				Map.of("goal_name", key, "goal_key", key, "goal_type", type, "goal_value", value));
		assertThat(goal.status()).as(goal.body()).isIn(200, 201);
	}

	private static Map<String, Object> purchase(String eventId, String visitor, String key,
			Map<String, Object> properties) {
		Map<String, Object> event = Events.named(eventId, visitor, "Purchase " + key, null);
		Map<String, Object> withRevenue = new java.util.LinkedHashMap<>(properties);
		withRevenue.put("revenue", 10);
		event.put("properties", withRevenue);
		return event;
	}

	private static List<Long> conversions(JsonNode result) {
		List<Long> conversions = new ArrayList<>();
		result.get("variants").forEach((variant) -> conversions.add(variant.get("conversions").asLong()));
		return conversions;
	}

	private static void visitors(List<Map<String, Object>> events, long testId, String goalKey, String prefix,
			String device, String country, int perArm, int controlConverters, int treatmentConverters) {
		for (int variant = 0; variant < 2; variant++) {
			int converters = (variant == 0) ? controlConverters : treatmentConverters;
			for (int i = 0; i < perArm; i++) {
				String visitor = prefix + "-" + variant + "-" + i;
				Map<String, Object> exposure = Events.exposure(visitor + "-x", visitor, testId, variant);
				exposure.put("attributes", Map.of("device", device, "country", country));
				events.add(exposure);
				if (i < converters) {
					events.add(Events.goal(visitor + "-g", visitor, goalKey));
				}
			}
		}
	}

	private Response result(long testId, String query) {
		Response response = this.api.get(project("/experiment/" + testId + "/result" + query));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response;
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
