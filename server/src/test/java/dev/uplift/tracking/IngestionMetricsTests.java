package dev.uplift.tracking;

import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Event routes are measured per batch by the writer's meters, not per request by Spring's HTTP observation. */
class IngestionMetricsTests extends IntegrationTest {

	private static final String METRICS = "/actuator/metrics/";

	@Test
	void committedEventsAreCountedAndTimedPerBatch() {
		long testId = Experiments.create(this.api, project(""), "Metered", "metered-goal", 1);
		double eventsBefore = measurement("uplift.ingestion.events", "COUNT");
		double commitsBefore = measurement("uplift.ingestion.commits", "COUNT");
		Response response = this.anonymous.post(project("/collect"), Map.of("events",
				List.of(Events.exposure("m-1", "m1", testId, 0), Events.exposure("m-2", "m2", testId, 1),
						Events.goal("m-3", "m1", "metered-goal"))));
		assertThat(response.status()).isEqualTo(202);
		assertThat(measurement("uplift.ingestion.events", "COUNT")).isEqualTo(eventsBefore + 3);
		assertThat(measurement("uplift.ingestion.commits", "COUNT")).isGreaterThan(commitsBefore);
		assertThat(this.api.get(METRICS + "uplift.ingestion.queue").status()).isEqualTo(200);
	}

	@Test
	void eventRoutesAreLeftOutOfTheHttpRequestMetricsAndResultsAreNot() {
		long testId = Experiments.create(this.api, project(""), "Unobserved", "unobserved-goal", 1);
		assertThat(this.anonymous.post(project("/collect"),
				Map.of("events", List.of(Events.exposure("u-1", "u1", testId, 0)))).status())
			.isEqualTo(202);
		assertThat(this.anonymous.post("/experiment/event",
				Map.of("key", PROJECT_KEY, "name", "unobserved-goal", "distinct_id", "u1")).status())
			.isEqualTo(202);
		assertThat(this.anonymous.post("/experiment/query",
				Map.of("key", PROJECT_KEY, "experiment_key", Long.toString(testId), "distinct_id", "u2")).status())
			.isEqualTo(200);
		assertThat(this.api.get(project("/experiment/" + testId + "/result")).status()).isEqualTo(200);
		for (String route : new String[] { "/v2/project/{project_key}/collect", "/experiment/event", "/experiment/query" }) {
			// Their preflights and other methods go on to Spring MVC and are observed there.
			assertThat(this.api.get(httpRequests(route) + "&tag=method:POST").status()).as(route).isEqualTo(404);
		}
		assertThat(this.api.get(httpRequests("/v2/project/{project_key}/experiment/{test_id}/result")).status())
			.isEqualTo(200);
	}

	private double measurement(String meter, String statistic) {
		Response response = this.api.get(METRICS + meter);
		assertThat(response.status()).isEqualTo(200);
		for (var measurement : response.json().get("measurements")) {
			if (measurement.get("statistic").asString().equals(statistic)) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("No " + statistic + " in " + response.body());
	}

	private static String httpRequests(String uriTemplate) {
		return METRICS + "http.server.requests?tag=uri:" + uriTemplate.replace("{", "%7B").replace("}", "%7D");
	}

}
