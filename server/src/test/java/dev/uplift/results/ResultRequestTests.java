package dev.uplift.results;

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

	@ParameterizedTest
	@ValueSource(
			strings = { "filter_by=device:mobile", "breakdown_by=country", "min_count=2", "report_phase=all_time" })
	void resultWithAnUnsupportedMidaFilterReturns400RatherThanIgnoringIt(String parameter) {
		assertError(result("?" + parameter), 400, "is not supported");
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
