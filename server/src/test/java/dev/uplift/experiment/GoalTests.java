package dev.uplift.experiment;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.uplift.support.ApiClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoalTests extends ExperimentIntegrationTest {

	@Test
	void goalCreateGetUpdateDelete() {
		String name = unique("CTA Button Click");
		Response created = this.api.post(project("/goal"), Map.of("goal_name", name, "goal_type", "clickOnElement",
				"goal_value", ".cta", "goal_purpose", "engage", "element_url", "https://example.com/"));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		long goalId = created.json().get("goal_profile_id").asLong();
		assertThat(created.json().get("goal_key").asString()).isEqualTo(name.toLowerCase().replace(' ', '_'));
		assertThat(created.json().get("company_id").isNumber()).isTrue();

		JsonNode goal = this.api.get(project("/goal/" + goalId)).json().get("goal");
		assertThat(goal.get("goal_name").asString()).isEqualTo(name);
		assertThat(goal.get("goal_type").asString()).isEqualTo("clickOnElement");
		assertThat(goal.get("goal_purpose").asString()).isEqualTo("engage");
		assertThat(goal.get("element_url").asString()).isEqualTo("https://example.com/");
		assertThat(goal.get("status").asInt()).isEqualTo(1);

		Response updated = this.api.patch(project("/goal/" + goalId),
				Map.of("goal_type", "scrolling", "goal_value", "50"));
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(this.api.get(project("/goal/" + goalId)).json().at("/goal/goal_value").asString()).isEqualTo("50");

		Response deleted = this.api.delete(project("/goal/" + goalId));
		assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
		assertThat(this.api.get(project("/goal/" + goalId)).status()).isEqualTo(404);
		assertThat(this.api.delete(project("/goal/" + goalId)).status()).isEqualTo(404);
		assertThat(this.api.get(project("/goals?limit=500")).body())
			.doesNotContain("\"goal_profile_id\":" + goalId + ",");
	}

	@Test
	void goalKeysAreGeneratedUniqueFromTheName() {
		String name = unique("Same Name");
		String first = this.api
			.post(project("/goal"), Map.of("goal_name", name, "goal_type", "event", "goal_value", "a"))
			.json()
			.get("goal_key")
			.asString();
		String second = this.api
			.post(project("/goal"), Map.of("goal_name", name, "goal_type", "event", "goal_value", "b"))
			.json()
			.get("goal_key")
			.asString();
		assertThat(second).isEqualTo(first + "_2");
	}

	@Test
	void goalWhenKeyTakenReturns406AndFreedByDelete() {
		String key = unique("signup");
		Map<String, Object> body = Map.of("goal_name", "Signup", "goal_type", "event", "goal_value", "signup",
				"goal_key", key);
		long goalId = this.api.post(project("/goal"), body).json().get("goal_profile_id").asLong();
		Response duplicate = this.api.post(project("/goal"), body);
		assertThat(duplicate.status()).isEqualTo(406);
		assertThat(duplicate.json().get("error").asString()).contains(key);
		long other = createGoal(unique("Other"), "event", "x");
		assertThat(this.api.patch(project("/goal/" + other), Map.of("goal_key", key)).status()).isEqualTo(406);
		this.api.delete(project("/goal/" + goalId));
		assertThat(this.api.post(project("/goal"), body).status()).isEqualTo(200);
	}

	@Test
	void goalWhenFieldsInvalidReturns400() {
		assertBadRequest(post(Map.of("goal_type", "event", "goal_value", "a")), "'goal_name' is required");
		assertBadRequest(post(Map.of("goal_name", "n", "goal_type", "hover", "goal_value", "a")),
				"'goal_type' must be one of pageview, pageviewExact");
		assertBadRequest(post(Map.of("goal_name", "n", "goal_type", "event")), "'goal_value' is required");
		assertBadRequest(post(Map.of("goal_name", "n", "goal_type", "scrolling", "goal_value", "0")),
				"'goal_value' must be a scroll depth in percent from 1 to 100");
		assertBadRequest(post(Map.of("goal_name", "n", "goal_type", "duration", "goal_value", "2.5")),
				"'goal_value' must be a positive whole number of seconds");
		assertBadRequest(post(Map.of("goal_name", "n", "goal_type", "pageviewRegex", "goal_value", "(")),
				"'goal_value' is not a valid regular expression");
		assertBadRequest(post(Map.of("goal_name", "n", "goal_type", "event", "goal_value", "a", "goal_key", "Bad Key")),
				"'goal_key' must be 1 to 100 characters");
		assertBadRequest(post(Map.of("goal_name", "n", "goal_type", "event", "goal_value", "a", "goal_purpose", "x")),
				"'goal_purpose' must be one of sell, engage, generate");
		assertBadRequest(post(Map.of("goal_name", "n".repeat(201), "goal_type", "event", "goal_value", "a")),
				"'goal_name' must have at most 200 characters");
		assertBadRequest(post(Map.of("goal_name", "n", "goal_type", "event", "goal_value", "a", "element_url",
				"https://example.com/" + "p".repeat(2000))), "'element_url' must have at most 2000 characters");
	}

	@Test
	void goalFieldsAreReadOnlyAsTheTypeTheyAreWrittenIn() {
		assertBadRequest(post(Map.of("goal_name", 12, "goal_type", "event", "goal_value", "a")),
				"'goal_name' must be a string");
		assertBadRequest(post(Map.of("goal_name", "n", "goal_type", "event", "goal_value", true)),
				"'goal_value' must be a string");
		assertBadRequest(post(Map.of("goal_name", "n", "goal_type", List.of("event"), "goal_value", "a")),
				"'goal_type' must be a string");
		// A scroll depth is a number as often as a string, and reads as written.
		Response created = post(
				Map.of("goal_name", "Scroll " + System.nanoTime(), "goal_type", "scrolling", "goal_value", 75));
		assertThat(created.status()).isEqualTo(200);
		assertThat(this.api.get(project("/goal/" + created.json().get("goal_profile_id").asLong()))
			.json()
			.at("/goal/goal_value")
			.asString()).isEqualTo("75");
	}

	@Test
	void goalUpdateWhenEmptyOrTypeMismatchReturns400() {
		long goalId = createGoal(unique("Depth"), "scrolling", "50");
		assertBadRequest(this.api.patch(project("/goal/" + goalId), Map.of()), "Send at least one of 'goal_name'");
		assertBadRequest(this.api.patch(project("/goal/" + goalId), Map.of("goal_value", "500")),
				"'goal_value' must be a scroll depth");
		assertBadRequest(
				this.api.patch(project("/goal/" + goalId), Map.of("goal_type", "duration", "goal_value", "-3")),
				"'goal_value' must be a positive whole number");
	}

	@Test
	void goalListPaginatesNewestFirst() {
		long older = createGoal(unique("Older"), "event", "a");
		long newer = createGoal(unique("Newer"), "event", "b");
		JsonNode page = this.api.get(project("/goals?limit=2")).json();
		assertThat(page.get("count").asInt()).isEqualTo(2);
		assertThat(page.at("/goals/0/goal_profile_id").asLong()).isEqualTo(newer);
		assertThat(page.at("/goals/1/goal_profile_id").asLong()).isEqualTo(older);
		assertThat(page.at("/goals/0/goal_key").isString()).isTrue();
		assertBadRequest(this.api.get(project("/goals?limit=501")), "limit must be between 1 and 500");
	}

	@Test
	void goalOfASiblingProjectReturns404() {
		String siblingKey = this.api.post(project("/projects"), Map.of("name", unique("Sibling")))
			.json()
			.at("/project/project_key")
			.asString();
		long goalId = this.api
			.post("/v2/project/" + siblingKey + "/goal",
					Map.of("goal_name", "n", "goal_type", "event", "goal_value", "a"))
			.json()
			.get("goal_profile_id")
			.asLong();
		Response response = this.api.get(project("/goal/" + goalId));
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("error").asString()).isEqualTo("Goal not found");
		assertThat(this.api.patch(project("/goal/" + goalId), Map.of("goal_name", "x")).status()).isEqualTo(404);
		assertThat(this.api.delete(project("/goal/" + goalId)).status()).isEqualTo(404);
	}

	@Test
	void deletedGoalStaysAttachedButIsNotListedOnTheExperiment() {
		long goalId = createGoal(unique("Gone"), "event", "gone");
		String key = this.api.get(project("/goal/" + goalId)).json().at("/goal/goal_key").asString();
		Map<String, Object> body = experiment(1);
		body.put("primary_goal_key", key);
		long testId = create(body);
		this.api.delete(project("/goal/" + goalId));
		JsonNode experiment = this.api.get(project("/experiment/" + testId)).json().get("experiment");
		assertThat(experiment.get("primary_goal").isNull()).isTrue();
		assertThat(experiment.get("goal_profile_id").isNull()).isTrue();
	}

	private Response post(Map<String, Object> body) {
		return this.api.post(project("/goal"), body);
	}

}
