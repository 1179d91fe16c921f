package dev.uplift.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentReadTests extends ExperimentIntegrationTest {

	@Test
	void listIsNewestFirstAndPaginates() {
		List<Long> created = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			created.add(createDraft());
		}
		Response firstPage = this.api.get(project("/experiments?limit=2"));
		assertThat(firstPage.status()).isEqualTo(200);
		assertThat(firstPage.json().get("count").asInt()).isEqualTo(2);
		assertThat(firstPage.json().get("company_id").isNumber()).isTrue();
		JsonNode items = firstPage.json().get("experiments");
		assertThat(items.get(0).get("test_id").asLong()).isEqualTo(created.get(2));
		assertThat(items.get(1).get("test_id").asLong()).isEqualTo(created.get(1));
		JsonNode item = items.get(0);
		assertThat(item.get("status").asInt()).isEqualTo(9);
		assertThat(item.get("is_completed").asInt()).isZero();
		assertThat(item.get("serving_variant_id").isNull()).isTrue();
		assertThat(item.get("is_deploy").asInt()).isZero();
		assertThat(item.get("experiment_key").asString()).isEqualTo(Long.toString(created.get(2)));
		assertThat(item.get("created_at").asString()).endsWith("Z");
		Response secondPage = this.api.get(project("/experiments?limit=2&offset=2"));
		assertThat(secondPage.json().at("/experiments/0/test_id").asLong()).isEqualTo(created.get(0));
	}

	@Test
	void listWhenLimitOrOffsetInvalidReturns400() {
		assertBadRequest(this.api.get(project("/experiments?limit=501")), "limit must be between 1 and 500");
		assertBadRequest(this.api.get(project("/experiments?limit=0")), "limit must be between 1 and 500");
		assertBadRequest(this.api.get(project("/experiments?offset=-1")), "offset must not be negative");
		assertBadRequest(this.api.get(project("/experiments?limit=ten")), "'limit'");
	}

	@Test
	void experimentWhenUnknownReturns404() {
		Response response = this.api.get(project("/experiment/999999999"));
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("error").asString()).isEqualTo("Experiment not found");
	}

	@Test
	void experimentWhenTestIdNotAPositiveIntegerReturns400() {
		for (String testId : new String[] { "abc", "0", "-5", "1.5", "99999999999999999999" }) {
			assertBadRequest(this.api.get(project("/experiment/" + testId)), "'test_id' must be a positive integer");
			assertBadRequest(this.api.patch(project("/experiment/" + testId + "/status"), Map.of("status", 1)),
					"'test_id' must be a positive integer");
		}
		assertBadRequest(this.api.get(project("/goal/x1")), "'goal_profile_id' must be a positive integer");
	}

	@Test
	void experimentOfASiblingProjectReturns404LikeAMissingOne() {
		Response sibling = this.api.post(project("/projects"), Map.of("name", unique("Sibling")));
		String siblingKey = sibling.json().at("/project/project_key").asString();
		Response created = this.api.post("/v2/project/" + siblingKey + "/create-experiment", experiment(1));
		assertThat(created.status()).isEqualTo(200);
		long testId = created.json().get("test_id").asLong();
		assertThat(this.api.get("/v2/project/" + siblingKey + "/experiment/" + testId).status()).isEqualTo(200);
		for (Response response : new Response[] { this.api.get(project("/experiment/" + testId)), setStatus(testId, 1),
				this.api.post(project("/experiment/" + testId + "/conclude"), Map.of()),
				this.api.patch(project("/experiment/" + testId), Map.of("test_name", "x")),
				this.api.delete(project("/experiment/" + testId)) }) {
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.json().get("error").asString()).isEqualTo("Experiment not found");
		}
		assertThat(this.api.get(project("/experiments?limit=500")).body())
			.doesNotContain("\"test_id\":" + testId + ",");
	}

	@Test
	void experimentWithoutKeyReturns401() {
		long testId = createDraft();
		assertThat(this.anonymous.get(project("/experiment/" + testId)).status()).isEqualTo(401);
		assertThat(this.anonymous.get(project("/experiments")).status()).isEqualTo(401);
		assertThat(this.anonymous.patch(project("/experiment/" + testId + "/status"), Map.of("status", 1)).status())
			.isEqualTo(401);
		assertThat(this.anonymous.get(project("/goals")).status()).isEqualTo(401);
	}

}
