package dev.uplift.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.VariantSnapshot;
import dev.uplift.web.ApiTime;

/**
 * The JSON of Get Experiment Result (docs/api.md §2), shared by the API and the public
 * share pages.
 */
public final class ResultJson {

	private ResultJson() {
	}

	/** The response body, fields in the order of the contract. */
	public static Map<String, Object> of(ExperimentResult result) {
		ExperimentSnapshot experiment = result.experiment();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("success", true);
		body.put("test_id", experiment.testId());
		body.put("test_name", experiment.name());
		body.put("status", experiment.status().label());
		body.put("status_code", experiment.status().code());
		body.put("start_date", ApiTime.format(experiment.createdAt()));
		body.put("end_date", ApiTime.format(experiment.endedAt()));
		body.put("days_running", result.daysRunning());
		body.put("stats_engine", result.statistics().engine().apiName());
		body.put("confidence_threshold_percent", experiment.confidenceInterval());
		body.put("primary_goal", experiment.primaryGoal().map(ResultJson::primaryGoal).orElse(null));
		body.put("goal", result.goal().map(ResultJson::goal).orElse(null));
		body.put("total_visitors", result.totalVisitors());
		body.put("total_conversions", result.totalConversions());
		body.put("variants", variants(result));
		body.put("srm", StatisticsJson.srm(result.statistics().srm()));
		return body;
	}

	private static List<Map<String, Object>> variants(ExperimentResult result) {
		List<VariantTally> tallies = result.tallies();
		VariantTally control = tallies.get(0);
		List<Map<String, Object>> variants = new ArrayList<>();
		for (VariantSnapshot variant : result.experiment().variants()) {
			VariantTally tally = tallies.get(variant.index());
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("variant_id", Integer.toString(variant.index()));
			view.put("name", variant.displayName());
			view.put("visitors", tally.visitors());
			view.put("conversions", tally.conversions());
			view.put("conversion_rate", tally.conversionRate());
			if (variant.index() > 0) {
				tally.improvementOver(control).ifPresent((improvement) -> view.put("improvement", improvement));
			}
			view.put("is_control", variant.index() == 0);
			if (variant.index() > 0) {
				view.put("statistics", StatisticsJson.treatment(result.statistics(), variant.index()));
			}
			variants.add(view);
		}
		return variants;
	}

	private static Map<String, Object> primaryGoal(GoalSnapshot goal) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("goal_name", goal.goalName());
		view.put("goal_type", goal.goalType());
		view.put("goal_value", goal.goalValue());
		return view;
	}

	private static Map<String, Object> goal(GoalSnapshot goal) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("goal_profile_id", goal.goalId());
		view.put("goal_key", goal.goalKey());
		view.putAll(primaryGoal(goal));
		view.put("is_primary", goal.primary());
		return view;
	}

}
