package dev.uplift.results;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every 400 and 404 rule of the timeseries and metrics routes (docs/api.md §2.1, §2.2).
 */
class SeriesRequestTests extends IntegrationTest {

	private long testId;

	private String goalKey;

	@BeforeEach
	void experiment() {
		this.goalKey = "series-" + System.nanoTime();
		this.testId = Experiments.create(this.api, project(""), "Series " + this.goalKey, this.goalKey, 1);
	}

	@ParameterizedTest
	@CsvSource(quoteCharacter = '`', value = { "start_date=2024-02-30, start_date must be a calendar date",
			"end_date=tomorrow, end_date must be a calendar date",
			"start_date=2024-03-02&end_date=2024-03-01, is after end_date", "tz=5.2, tz must be an hour offset",
			"goal_key=nope, goal_key 'nope' is not a goal of experiment",
			"goal_profile_id=x, 'goal_profile_id' must be a positive integer",
			"breakdown_by=device, 'breakdown_by' is not supported by Uplift's timeseries endpoint",
			"report_phase=deploy, report_phase must be pre_deploy", "filters=x, 'filters' is not supported",
			"filter_by=moon, filter_by: unknown preset", "min_count=0, min_count must be an integer from 1",
			"start_date=2020-01-01, would list", "start_date=2020-01-01&end_date=2024-01-01, more than 1000",
			"event_attribute=x, event_attribute: must be JSON",
			"`event_attribute=%7B%22key%22:%22a%22,%22operand%22:%22ex%22%7D`, applies to event, revenue and script goals" })
	void timeseriesWhenAParameterIsWrongReturns400NamingIt(String query, String message) {
		assertError(get("timeseries", "?" + query), 400, message);
	}

	@ParameterizedTest
	@CsvSource(quoteCharacter = '`', delimiter = '|',
			value = { "metric_keys=nope | metric_keys: 'nope' is not a goal of experiment",
					"goal_keys=a,,b | goal_keys has an empty entry", "metric_keys=a&goal_keys=b | give one of them",
					"metric_keys=[\"a\" | neither a JSON array", "metric_keys=[{}] | must list strings",
					"metric_keys=a,a | names a metric twice", "metric_batch=-1 | metric_batch must list positions",
					"metric_batch=x | metric_batch must list positions",
					"breakdown_by=device | 'breakdown_by' is not supported",
					"start_date=2024-13-01 | start_date must be a calendar date", "tz=+30 | tz must be an hour offset",
					"report_phase=deploy | report_phase must be pre_deploy, post_deploy or all_time",
					"event_attribute={\"key\":\"a\",\"operand\":\"ex\"} | applies to event, revenue and script goals" })
	void metricsWhenAParameterIsWrongReturns400NamingIt(String query, String message) {
		assertError(get("metrics", "?" + encodeValues(query)), 400, message);
	}

	@Test
	void metricsWhenTooManyMetricsReturns400() {
		String keys = IntStream.rangeClosed(1, MetricQuery.MAX_METRICS + 1)
			.mapToObj((i) -> "k" + i)
			.collect(Collectors.joining(","));
		assertError(get("metrics", "?metric_keys=" + keys), 400, "names 21 metrics, at most 20");
	}

	@Test
	void metricsWhenBatchIsPastTheDefinitionsReturns400() {
		assertError(get("metrics", "?metric_keys=" + this.goalKey + "&metric_batch=1"), 400,
				"metric_batch: position 1 is past the 1 metric definitions");
	}

	@ParameterizedTest
	@ValueSource(strings = { "timeseries", "metrics" })
	void seriesOfAnUnknownOrForeignExperimentReturns404(String route) {
		assertThat(this.api.get(project("/experiment/999999999/" + route)).status()).isEqualTo(404);
		assertThat(this.api.get(project("/experiment/abc/" + route)).status()).isEqualTo(400);
		assertThat(this.anonymous.get(project("/experiment/" + this.testId + "/" + route)).status()).isEqualTo(401);
	}

	@Test
	void metricsWithoutSecondaryGoalsListNoneButTheVisitors() {
		Response response = get("metrics", "");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("metric_count").asInt()).isZero();
		assertThat(response.json().get("count").asInt()).isEqualTo(2);
		assertThat(response.json().at("/metrics/0/total").asLong()).isZero();
	}

	private Response get(String route, String query) {
		return this.api.get(project("/experiment/" + this.testId + "/" + route + query));
	}

	/** Encodes each value of a query string, keeping its names, = and &. */
	private static String encodeValues(String query) {
		return java.util.Arrays.stream(query.split("&")).map((pair) -> {
			int equals = pair.indexOf('=');
			return pair.substring(0, equals + 1)
					+ URLEncoder.encode(pair.substring(equals + 1), StandardCharsets.UTF_8);
		}).collect(Collectors.joining("&"));
	}

	private static void assertError(Response response, int status, String message) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.json().get("success").asBoolean()).isFalse();
		assertThat(response.json().get("error").asString()).contains(message);
	}

}
