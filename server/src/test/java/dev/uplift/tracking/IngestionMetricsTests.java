package dev.uplift.tracking;

import java.util.List;
import java.util.Map;

import dev.uplift.support.ApiClient.Response;
import dev.uplift.support.Events;
import dev.uplift.support.Experiments;
import dev.uplift.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event routes are measured per batch by the writer's meters, not per request by Spring's
 * HTTP observation.
 */
class IngestionMetricsTests extends IntegrationTest {

	private static final String METRICS = "/actuator/metrics/";

	@Test
	void committedEventsAreCountedAndTimedPerBatch() {
		long testId = Experiments.create(this.api, project(""), "Metered", "metered-goal", 1);
		double eventsBefore = measurement("uplift.ingestion.events", "COUNT");
		double commitsBefore = measurement("uplift.ingestion.commits", "COUNT");
		Response response = this.anonymous.post(project("/collect"),
				Map.of("events", List.of(Events.exposure("m-1", "m1", testId, 0),
						Events.exposure("m-2", "m2", testId, 1), Events.goal("m-3", "m1", "metered-goal"))));
		assertThat(response.status()).isEqualTo(202);
		assertThat(measurement("uplift.ingestion.events", "COUNT")).isEqualTo(eventsBefore + 3);
		assertThat(measurement("uplift.ingestion.commits", "COUNT")).isGreaterThan(commitsBefore);
		assertThat(this.api.get(METRICS + "uplift.ingestion.queue").status()).isEqualTo(200);
	}

	@Test
	void eventRoutesAreLeftOutOfTheHttpRequestMetricsAndResultsAreNot() {
		// Counted before and after: other tests of the same context (the route fuzz test
		// among them) send malformed POSTs that Spring MVC answers, and those are
		// observed.
		String[] routes = { "/v2/project/{project_key}/collect", "/experiment/event", "/experiment/query" };
		double[] before = new double[routes.length];
		for (int i = 0; i < routes.length; i++) {
			before[i] = observedPosts(routes[i]);
		}
		long testId = Experiments.create(this.api, project(""), "Unobserved", "unobserved-goal", 1);
		assertThat(this.anonymous
			.post(project("/collect"), Map.of("events", List.of(Events.exposure("u-1", "u1", testId, 0))))
			.status()).isEqualTo(202);
		assertThat(this.anonymous
			.post("/experiment/event", Map.of("key", PROJECT_KEY, "name", "unobserved-goal", "distinct_id", "u1"))
			.status()).isEqualTo(202);
		assertThat(this.anonymous
			.post("/experiment/query",
					Map.of("key", PROJECT_KEY, "experiment_key", Long.toString(testId), "distinct_id", "u2"))
			.status()).isEqualTo(200);
		assertThat(this.api.get(project("/experiment/" + testId + "/result")).status()).isEqualTo(200);
		for (int i = 0; i < routes.length; i++) {
			// Their preflights and other methods go on to Spring MVC and are observed
			// there.
			assertThat(observedPosts(routes[i])).as(routes[i]).isEqualTo(before[i]);
		}
		assertThat(this.api.get(httpRequests("/v2/project/{project_key}/experiment/{test_id}/result")).status())
			.isEqualTo(200);
	}

	/**
	 * How many POSTs to the route Spring's HTTP observation counted; 0 when it never saw
	 * one.
	 */
	private double observedPosts(String uriTemplate) {
		String meter = httpRequests(uriTemplate).substring(METRICS.length()) + "&tag=method:POST";
		return (this.api.get(METRICS + meter).status() == 404) ? 0 : measurement(meter, "COUNT");
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
