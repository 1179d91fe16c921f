package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Create Experiment's idempotency keys (docs/mida-v2-api.md §2.6). */
class IdempotencyTests extends ExperimentIntegrationTest {

	@Test
	void aRetryWithTheSameKeyAndBodyAnswersTheFirstResultAndCreatesNothing() {
		Map<String, Object> body = experiment(1);
		body.put("idempotency_key", unique("key"));
		Response first = this.api.post(project("/create-experiment"), body);
		Response retry = this.api.post(project("/create-experiment"), body);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(retry.status()).as(retry.body()).isEqualTo(200);
		assertThat(retry.json()).isEqualTo(first.json());
		assertThat(experimentsNamed(body.get("test_name"))).isEqualTo(1);
	}

	@Test
	void theHeaderIsTheSameKeyAsTheBodyField() {
		String key = unique("key");
		Map<String, Object> body = experiment(1);
		Response first = this.api.sendWithHeaders("POST", project("/create-experiment"), Map.of("Content-Type",
				"application/json", "x-idempotency-key", key, "Authorization", "Bearer " + API_KEY), json(body));
		body.put("idempotency_key", key);
		Response retry = this.api.post(project("/create-experiment"), body);
		assertThat(retry.json().get("test_id")).isEqualTo(first.json().get("test_id"));
		assertThat(experimentsNamed(body.get("test_name"))).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherBodyIsAConflictAndCreatesNothing() {
		String key = unique("key");
		Map<String, Object> body = experiment(1);
		body.put("idempotency_key", key);
		assertThat(this.api.post(project("/create-experiment"), body).status()).isEqualTo(200);
		Map<String, Object> other = experiment(2);
		other.put("idempotency_key", key);
		Response conflict = this.api.post(project("/create-experiment"), other);
		assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
		assertThat(conflict.json().get("error").asString()).contains(key);
		assertThat(experimentsNamed(other.get("test_name"))).isZero();
	}

	@Test
	void aRefusedRequestLeavesTheKeyFree() {
		String key = unique("key");
		Map<String, Object> bad = experiment(1);
		bad.put("idempotency_key", key);
		bad.put("primary_goal_key", "no-such-goal-" + key);
		assertThat(this.api.post(project("/create-experiment"), bad).status()).isEqualTo(400);
		Map<String, Object> good = experiment(1);
		good.put("idempotency_key", key);
		assertThat(this.api.post(project("/create-experiment"), good).status()).isEqualTo(200);
	}

	@Test
	void keysThatDifferBetweenHeaderAndBodyAreRefused() {
		Map<String, Object> body = experiment(1);
		body.put("idempotency_key", "a");
		Response response = this.api.sendWithHeaders("POST", project("/create-experiment"), Map.of("Content-Type",
				"application/json", "x-idempotency-key", "b", "Authorization", "Bearer " + API_KEY), json(body));
		assertBadRequest(response, "differ");
	}

	@Test
	void concurrentRetriesCreateOneExperiment() throws Exception {
		Map<String, Object> body = experiment(1);
		body.put("idempotency_key", unique("key"));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Response>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				answers.add(pool.submit(() -> this.api.post(project("/create-experiment"), body)));
			}
			List<Long> testIds = new ArrayList<>();
			for (Future<Response> answer : answers) {
				Response response = answer.get();
				assertThat(response.status()).as(response.body()).isEqualTo(200);
				testIds.add(response.json().get("test_id").asLong());
			}
			assertThat(testIds).containsOnly(testIds.get(0));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(experimentsNamed(body.get("test_name"))).isEqualTo(1);
	}

	private long experimentsNamed(Object name) {
		Response list = this.api.get(project("/experiments?limit=500"));
		long count = 0;
		for (var experiment : list.json().get("experiments")) {
			if (experiment.get("test_name").asString().equals(name)) {
				count++;
			}
		}
		return count;
	}

	private static String json(Object body) {
		return tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(body);
	}

}
