package dev.uplift.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.uplift.scale.TrafficPlan.ExperimentSpec;
import dev.uplift.scale.TrafficPlan.GoalSpec;
import dev.uplift.support.ApiClient;
import dev.uplift.support.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Goals and experiments created through the API, as a user would: goals shared between
 * experiments, an event goal with revenue, a goal no experiment tracks, and experiments
 * of 2 to 4 arms, one of them inactive from the start and one paused mid-stream.
 */
final class ProjectSetup {

	private ProjectSetup() {
	}

	/** Creates the goals and experiments in the project at {@code base}. */
	static Setup create(ApiClient api, String base) {
		GoalSpec signup = goal(api, base, "signup", "clickOnElement", ".signup", null);
		GoalSpec checkout = goal(api, base, "checkout", "clickOnElement", ".checkout", null);
		GoalSpec purchase = goal(api, base, "purchase", "event", "Purchase", "Purchase");
		GoalSpec newsletter = goal(api, base, "newsletter", "clickOnElement", ".newsletter", null);
		List<ExperimentSpec> experiments = new ArrayList<>();
		experiments.add(experiment(api, base, "Hero", 2, 1, false, signup, purchase));
		experiments.add(experiment(api, base, "Pricing", 3, 1, false, checkout, purchase, signup));
		experiments.add(experiment(api, base, "Checkout flow", 4, 1, true, purchase, checkout));
		experiments.add(experiment(api, base, "Footer", 2, 0, false, signup));
		return new Setup(experiments, List.of(signup, checkout, purchase, newsletter));
	}

	private static GoalSpec goal(ApiClient api, String base, String key, String type, String value, String eventName) {
		Response response = api.post(base + "/goal",
				Map.of("goal_name", key, "goal_key", key, "goal_type", type, "goal_value", value));
		assertThat(response.status()).as(response.body()).isIn(200, 201);
		return new GoalSpec(response.json().findValue("goal_profile_id").asLong(), key, eventName);
	}

	private static ExperimentSpec experiment(ApiClient api, String base, String name, int arms, int status,
			boolean pausedAfterFirstPhase, GoalSpec primary, GoalSpec... secondary) {
		List<Map<String, Object>> treatments = new ArrayList<>();
		for (int i = 1; i < arms; i++) {
			treatments.add(Map.of("data", List.of()));
		}
		Response response = api.post(base + "/create-experiment",
				Map.of("test_name", name, "url", "https://example.com/", "variants", treatments, "primary_goal_key",
						primary.key(), "secondary_goal_keys", List.of(secondary).stream().map(GoalSpec::key).toList(),
						"status", status));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<GoalSpec> goals = new ArrayList<>(List.of(primary));
		goals.addAll(List.of(secondary));
		return new ExperimentSpec(response.json().get("test_id").asLong(), arms, goals, status == 1,
				pausedAfterFirstPhase);
	}

	/** What was created: the experiments, and every goal of the project. */
	record Setup(List<ExperimentSpec> experiments, List<GoalSpec> goals) {
	}

}
