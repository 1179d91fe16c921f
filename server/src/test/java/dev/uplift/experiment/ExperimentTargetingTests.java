package dev.uplift.experiment;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code targeting} object of create and PATCH: every rule checked, stored in its
 * canonical form, shown in details.
 */
class ExperimentTargetingTests extends ExperimentIntegrationTest {

	private static final Map<String, Object> EVERY_RULE = Map.of("allowed_country",
			List.of(Map.of("name", "Germany", "code", "de", "rule", "whitelist"),
					Map.of("code", "US", "rule", "blacklist")),
			"device_rule", List.of("Mobile", "tablet"), "browser_rule", List.of("chrome"), "os_rule",
			List.of("macos", "ios"), "user_rule", "new", "browser_language_rule", List.of("en", "pt-BR"),
			"parameter_rule",
			List.of(List.of(Map.of("criteria", "utm_campaign", "operator", "==", "value", "spring")),
					Map.of("criteria", "page", "operator", "gte", "value", "2")),
			"cookie_rule", List.of(List.of(Map.of("criteria", "plan", "operator", "ex"))), "schedule_rule",
			Map.of("scheduleGroups", List.of(Map.of("days", List.of("Friday"), "timeRanges",
					List.of(Map.of("start", "22:00", "end", "06:00"))))),
			"segment_rule", List.of());

	@Test
	void createWithEveryRuleStoresThemCanonicalAndDetailsShowThem() {
		Map<String, Object> body = experiment(1);
		body.put("targeting", EVERY_RULE);
		JsonNode targeting = details(create(body)).get("targeting");
		assertThat(targeting.get("allowed_country").toString()).isEqualTo(
				"[{\"name\":\"Germany\",\"code\":\"DE\",\"rule\":\"whitelist\"},{\"code\":\"US\",\"rule\":\"blacklist\"}]");
		assertThat(targeting.get("device_rule").toString()).isEqualTo("[\"mobile\",\"tablet\"]");
		assertThat(targeting.get("os_rule").toString()).isEqualTo("[\"macOS\",\"ios\"]");
		assertThat(targeting.get("user_rule").asString()).isEqualTo("new");
		assertThat(targeting.get("browser_language_rule").toString()).isEqualTo("[\"en\",\"pt-br\"]");
		assertThat(targeting.get("parameter_rule").toString())
			.isEqualTo("[[{\"criteria\":\"utm_campaign\",\"operator\":\"==\",\"value\":\"spring\"}],"
					+ "[{\"criteria\":\"page\",\"operator\":\"gte\",\"value\":2.0}]]");
		assertThat(targeting.get("cookie_rule").toString())
			.isEqualTo("[[{\"criteria\":\"plan\",\"operator\":\"ex\"}]]");
		assertThat(targeting.get("schedule_rule").toString()).isEqualTo("{\"schedule_groups\":[{\"days\":[\"friday\"],"
				+ "\"time_ranges\":[{\"start\":\"22:00\",\"end\":\"06:00\"}]}]}");
		assertThat(targeting.has("segment_rule")).as("an empty rule restricts nothing and is not kept").isFalse();
	}

	@Test
	void createWithoutTargetingShowsNoRules() {
		assertThat(details(create(experiment(1))).get("targeting").isEmpty()).isTrue();
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("badRules")
	void createWhenARuleIsBadReturns400NamingItAndStoresNothing(Map<String, Object> targeting, String field) {
		Map<String, Object> body = experiment(1);
		body.put("targeting", targeting);
		assertBadRequest(this.api.post(project("/create-experiment"), body), "'" + field + "'");
		assertThat(this.api.get(project("/experiments?limit=100")).body())
			.doesNotContain((String) body.get("test_name"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("badRules")
	void patchWhenARuleIsBadReturns400NamingItAndKeepsTheRules(Map<String, Object> targeting, String field) {
		Map<String, Object> body = experiment(1);
		body.put("targeting", Map.of("device_rule", List.of("mobile")));
		long testId = create(body);
		assertBadRequest(this.api.patch(project("/experiment/" + testId), Map.of("targeting", targeting)),
				"'" + field + "'");
		assertThat(details(testId).get("targeting").toString()).isEqualTo("{\"device_rule\":[\"mobile\"]}");
	}

	@Test
	void patchReplacesTheRulesWholeAndAnEmptyObjectClearsThem() {
		Map<String, Object> body = experiment(1);
		body.put("targeting", Map.of("device_rule", List.of("mobile"), "user_rule", "returning"));
		long testId = create(body);
		setStatus(testId, 1);
		Response patched = this.api.patch(project("/experiment/" + testId),
				Map.of("targeting", Map.of("browser_rule", List.of("firefox"))));
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(details(testId).get("targeting").toString()).isEqualTo("{\"browser_rule\":[\"firefox\"]}");
		this.api.patch(project("/experiment/" + testId), Map.of("test_name", unique("Renamed")));
		assertThat(details(testId).get("targeting").toString()).as("a PATCH without targeting keeps it")
			.isEqualTo("{\"browser_rule\":[\"firefox\"]}");
		this.api.patch(project("/experiment/" + testId), Map.of("targeting", Map.of()));
		assertThat(details(testId).get("targeting").isEmpty()).isTrue();
	}

	static Stream<Arguments> badRules() {
		return Stream.of(bad(Map.of("device_rules", List.of("mobile")), "targeting.device_rules"),
				bad(Map.of("segment_rule", List.of(List.of(Map.of("criteria", "email", "operator", "ex")))),
						"targeting.segment_rule"),
				bad(Map.of("device_rule", List.of("phone")), "targeting.device_rule"),
				bad(Map.of("device_rule", "mobile"), "targeting.device_rule"),
				bad(Map.of("browser_rule", List.of("netscape")), "targeting.browser_rule"),
				bad(Map.of("os_rule", List.of("beos")), "targeting.os_rule"),
				bad(Map.of("user_rule", "sometimes"), "targeting.user_rule"),
				bad(Map.of("browser_language_rule", List.of("english!")), "targeting.browser_language_rule"),
				bad(Map.of("allowed_country", List.of(Map.of("code", "USA", "rule", "whitelist"))),
						"targeting.allowed_country[0].code"),
				bad(Map.of("allowed_country", List.of(Map.of("code", "US", "rule", "maybe"))),
						"targeting.allowed_country[0].rule"),
				bad(Map.of("allowed_country", List.of("US")), "targeting.allowed_country[0]"),
				bad(Map.of("parameter_rule", List.of(List.of(Map.of("criteria", "a", "operator", "~=", "value", "x")))),
						"targeting.parameter_rule[0][0].operator"),
				bad(Map.of("parameter_rule", List.of(List.of(Map.of("operator", "ex")))),
						"targeting.parameter_rule[0][0].criteria"),
				bad(Map.of("parameter_rule", List.of(List.of(Map.of("criteria", "a", "operator", "==")))),
						"targeting.parameter_rule[0][0].value"),
				bad(Map.of("parameter_rule", List.of(List.of())), "targeting.parameter_rule[0]"),
				bad(Map.of("cookie_rule", List.of(List.of(Map.of("criteria", "n", "operator", "gt", "value", "many")))),
						"targeting.cookie_rule[0][0].value"),
				bad(Map.of("schedule_rule", Map.of("schedule_groups", List.of())),
						"targeting.schedule_rule.schedule_groups"),
				bad(Map.of("schedule_rule", Map.of("schedule_groups", List.of(Map.of("days", List.of("someday"))))),
						"targeting.schedule_rule.schedule_groups[0].days"),
				bad(Map.of("schedule_rule",
						Map.of("schedule_groups",
								List.of(Map.of("days", List.of("monday"), "time_ranges",
										List.of(Map.of("start", "9am", "end", "17:00")))))),
						"targeting.schedule_rule.schedule_groups[0].time_ranges[0].start"),
				bad(Map.of("schedule_rule",
						Map.of("schedule_groups",
								List.of(Map.of("days", List.of("monday"), "time_ranges",
										List.of(Map.of("start", "09:00", "end", "09:00")))))),
						"targeting.schedule_rule.schedule_groups[0].time_ranges[0].end"),
				bad(Map.of("schedule_rule", "weekdays"), "targeting.schedule_rule"));
	}

	private static Arguments bad(Map<String, Object> targeting, String field) {
		return Arguments.of(targeting, field);
	}

	private JsonNode details(long testId) {
		Response response = this.api.get(project("/experiment/" + testId));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("experiment");
	}

}
