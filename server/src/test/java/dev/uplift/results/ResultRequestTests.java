package dev.uplift.results;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every 400, 401 and 404 rule of the result route (docs/api.md §1–§2). */
class ResultRequestTests extends IntegrationTest {

	private long testId;

	@BeforeEach
	void experiment() {
		this.testId = Experiments.create(this.api, project(""), "Rules " + System.nanoTime(),
				"rules-" + System.nanoTime(), 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "0", "-3", "1.5", "99999999999999999999" })
	void resultWhenTestIdIsNotAPositiveIntegerReturns400(String testId) {
		assertError(this.api.get(project("/experiment/" + testId + "/result")), 400,
				"'test_id' must be a positive integer");
	}

	@ParameterizedTest
	@CsvSource({ "start_date, 2024-02-30", "start_date, 2024-1-05", "end_date, 2023-13-01", "end_date, yesterday",
			"start_date, 2024-01-05T00:00" })
	void resultWhenDateIsNotACalendarDateReturns400(String parameter, String value) {
		assertError(result("?" + parameter + "=" + value), 400, parameter + " must be a calendar date as YYYY-MM-DD");
	}

	@Test
	void resultWhenDatesReversedReturns400() {
		assertError(result("?start_date=2024-03-02&end_date=2024-03-01"), 400, "is after end_date");
	}

	@Test
	void resultForLeapDayIsAccepted() {
		assertThat(result("?start_date=2024-02-29&end_date=2024-02-29").status()).isEqualTo(200);
	}

	@Test
	void resultWhenGoalKeyIsNotAGoalOfTheExperimentReturns400() {
		assertError(result("?goal_key=nope"), 400, "goal_key 'nope' is not a goal of experiment");
	}

	@Test
	void resultWhenGoalProfileIdIsMalformedReturns400() {
		assertError(result("?goal_profile_id=x"), 400, "'goal_profile_id' must be a positive integer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "+19", "5.1", "UTC" })
	void resultWhenTzIsNotAnHourOffsetReturns400(String tz) {
		assertError(result("?tz=" + tz), 400, "tz must be an hour offset");
	}

	@Test
	void resultWithTheLegacyStructuredFiltersReturns400RatherThanIgnoringThem() {
		assertError(result("?filters=x"), 400, "is not supported");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = { "[[{\"key\":\"plan\"|must be JSON",
			"[]|must be a non-empty JSON array", "7|must be a non-empty", "[[]]|non-empty array of them",
			"[[7]]|each condition must be an object", "[[{\"operand\":\"=\",\"value\":\"x\"}]]|needs a key of 1 to 80",
			"[[{\"key\":\"a b\",\"operand\":\"=\",\"value\":\"x\"}]]|needs a key of 1 to 80",
			"[[{\"key\":\"plan\",\"operand\":\"~\",\"value\":\"x\"}]]|needs an operand: =, !=",
			"[[{\"key\":\"plan\",\"operator\":\"=\"}]]|needs a string, number or boolean value",
			"[[{\"key\":\"plan\",\"operand\":\">\",\"value\":\"pro\"}]]|'>' compares numbers",
			"[[{\"key\":\"plan\",\"operand\":\"=\",\"value\":\"pro\"}]]|applies to event, revenue and script goals" })
	void resultWithABadEventAttributeReturns400NamingIt(String filter, String message) {
		assertBadJson("event_attribute", filter, message);
	}

	@Test
	void resultWhenEventAttributeKeyOrValueIsTooLongReturns400() {
		String longKey = "[[{\"key\":\"" + "k".repeat(81) + "\",\"operand\":\"ex\"}]]";
		assertError(result("?event_attribute=" + URLEncoder.encode(longKey, StandardCharsets.UTF_8)), 400,
				"needs a key of 1 to 80");
		String longValue = "[[{\"key\":\"plan\",\"operand\":\"=\",\"value\":\"" + "v".repeat(501) + "\"}]]";
		assertError(result("?event_attribute=" + URLEncoder.encode(longValue, StandardCharsets.UTF_8)), 400,
				"value must be 1 to 500 characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "deploy", "PRE_DEPLOY", "all", "pre_deploy,post_deploy" })
	void resultWhenReportPhaseIsNotOneOfTheThreeReturns400NamingIt(String phase) {
		assertError(result("?report_phase=" + phase), 400,
				"report_phase must be pre_deploy, post_deploy or all_time, got '" + phase + "'");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "filter_by=device:mobile|filter_by: unknown preset 'device:mobile'",
					"filter_by=mobile,,desktop|filter_by: unknown preset ''",
					"filterBy=asia|filter_by: unknown preset 'asia'", "breakdown_by=planet|breakdown_by must be one of",
					"breakdownBy=ref_page|breakdown_by 'ref_page' is not available",
					"breakdown_by=utm_campaign|breakdown_by 'utm_campaign' is not available",
					"min_count=0|min_count must be an integer from 1", "minCount=x|min_count must be an integer from 1",
					"timeframe_days=-1|timeframe_days must be an integer from 0",
					"timeframe_days=9999|timeframe_days must be an integer from 0" })
	void resultWithABadSegmentParameterReturns400NamingIt(String parameter, String message) {
		assertError(result("?" + parameter), 400, message);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = { "[[{\"criteria\":\"device\"|must be JSON",
			"{\"a\":1}|needs a string 'criteria'", "7|must be a JSON array", "[[]]|non-empty array",
			"[[{\"criteria\":\"planet\",\"operator\":\"==\",\"value\":\"x\"}]]|unknown criteria 'planet'",
			"[[{\"criteria\":\"device\",\"operator\":\"~~\",\"value\":\"x\"}]]|operator '~~' does not apply",
			"[[{\"criteria\":\"country\",\"operator\":\"ex\"}]]|operator 'ex' does not apply to criteria 'country'",
			"[[{\"criteria\":\"device\",\"operator\":\">\",\"value\":\"x\"}]]|operator '>' does not apply",
			"[[{\"criteria\":\"device\",\"operator\":\"==\"}]]|needs a string or integer value",
			"[[{\"criteria\":\"region\",\"operator\":\"==\",\"value\":\"x\"}]]|criteria 'region' is not valid",
			"[[{\"criteria\":\"ref_page\",\"operator\":\"==\",\"value\":\"x\"}]]|'ref_page' is not recorded",
			"[[{\"criteria\":\"utm\",\"operator\":\"==\",\"value\":\"x\"}]]|needs a key",
			"[[{\"criteria\":\"utm\",\"key\":\"utm_term\",\"operator\":\"==\",\"value\":\"x\"}]]|'utm_term' is not recorded",
			"[[{\"criteria\":\"country\",\"operator\":\"==\",\"value\":\"USA\"}]]|ISO 3166-1 alpha-2",
			"[[{\"criteria\":\"dayofweek\",\"operator\":\"<\",\"value\":7}]]|dayofweek must be an integer from 0 to 6",
			"[[{\"criteria\":\"hourofday\",\"operator\":\"==\",\"value\":\"noon\"}]]|hourofday must be an integer",
			"[[{\"criteria\":\"v.visitor_id\",\"operator\":\"==\",\"value\":\"a b\"}]]|a visitor id is 1 to 80" })
	void resultWithABadCustomFilterReturns400NamingIt(String filter, String message) {
		assertBadJson("custom_filter", filter, message);
	}

	/** A 400 whose message starts with the parameter's name. */
	private void assertBadJson(String parameter, String filter, String message) {
		Response response = result("?" + parameter + "=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
		assertError(response, 400, message);
		assertThat(response.json().get("error").asString()).startsWith(parameter + ": ");
	}

	@Test
	void resultWhenCustomFilterKeyOrValueIsTooLongReturns400() {
		String longKey = "[[{\"criteria\":\"utm\",\"key\":\"" + "k".repeat(81)
				+ "\",\"operator\":\"==\",\"value\":\"x\"}]]";
		assertError(result("?custom_filter=" + URLEncoder.encode(longKey, StandardCharsets.UTF_8)), 400,
				"custom_filter: criteria 'utm' needs a key of 1 to 80");
		String longValue = "[[{\"criteria\":\"landing_page\",\"operator\":\"**\",\"value\":\"" + "v".repeat(501)
				+ "\"}]]";
		assertError(result("?custom_filter=" + URLEncoder.encode(longValue, StandardCharsets.UTF_8)), 400,
				"custom_filter: value must be 1 to 500 characters");
	}

	@Test
	void resultWithEverySegmentParameterOnAnEmptyExperimentAnswersZeros() {
		Response response = result("?filter_by=europe,returning&breakdown_by=user_type&min_count=2&timeframe_days=7"
				+ "&custom_filter=" + URLEncoder
					.encode("[{\"criteria\":\"hourofday\",\"operator\":\">=\",\"value\":9}]", StandardCharsets.UTF_8));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("total_visitors").asLong()).isZero();
		assertThat(response.json().get("breakdowns").size()).isZero();
	}

	@Test
	void resultWithoutApiKeyReturns401() {
		assertError(this.anonymous.get(project("/experiment/" + this.testId + "/result")), 401, "Missing API key");
	}

	@Test
	void resultWithUnknownKeyReturns401() {
		assertError(this.api.withKey("x".repeat(40)).get(project("/experiment/" + this.testId + "/result")), 401,
				"Invalid API key");
	}

	@Test
	void resultOfUnknownProjectReturns404() {
		assertError(this.api.get("/v2/project/NoSuchProject000000000/experiment/" + this.testId + "/result"), 404,
				"Project not found");
	}

	@Test
	void resultOfUnknownExperimentReturns404() {
		assertError(this.api.get(project("/experiment/987654321/result")), 404, "Experiment not found");
	}

	@Test
	void resultOfAnExperimentOfAnotherProjectReturns404() {
		String sibling = this.api.post(project("/projects"), Map.of("name", "Sibling " + System.nanoTime()))
			.json()
			.at("/project/project_key")
			.asString();
		assertError(this.api.get("/v2/project/" + sibling + "/experiment/" + this.testId + "/result"), 404,
				"Experiment not found");
	}

	@Test
	void resultOfADeletedExperimentReturns404() {
		assertThat(this.api.delete(project("/experiment/" + this.testId)).status()).isEqualTo(200);
		assertError(result(""), 404, "Experiment not found");
	}

	@Test
	void resultWithOtherTzTakesTheScanPathAndAnswers200() {
		Response response = result("?tz=+8&start_date=2024-01-01");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("total_visitors").asLong()).isZero();
	}

	private Response result(String query) {
		return this.api.get(project("/experiment/" + this.testId + "/result" + query));
	}

	private static void assertError(Response response, int status, String message) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.json().get("success").asBoolean()).isFalse();
		assertThat(response.json().get("error").asString()).contains(message);
	}

}
