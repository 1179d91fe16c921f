package dev.uplift.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.uplift.experiment.ExperimentSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.GoalSnapshot;
import dev.uplift.experiment.ExperimentSnapshot.VariantSnapshot;
import dev.uplift.stats.ExperimentStatistics;
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
		body.put("variants", variants(experiment, result.tallies(), result.statistics(), null));
		body.put("srm", StatisticsJson.srm(result.statistics().srm()));
		result.breakdown().ifPresent((breakdown) -> {
			body.put("breakdown_by", breakdown.dimension().breakdownName());
			body.put("breakdowns",
					breakdown.segments().stream().map((segment) -> segment(experiment, segment)).toList());
		});
		return body;
	}

	private static Map<String, Object> segment(ExperimentSnapshot experiment, Breakdown.Segment segment) {
		long visitors = segment.tallies().stream().mapToLong(VariantTally::visitors).sum();
		long conversions = segment.tallies().stream().mapToLong(VariantTally::conversions).sum();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("criteria", segment.criteria());
		view.put("total_visitors", visitors);
		view.put("total_conversions", conversions);
		view.put("conversion_rate", new VariantTally(0, visitors, conversions).conversionRate());
		view.put("variants",
				variants(experiment, segment.tallies(), segment.statistics(), segment.pValuesAcrossSegments()));
		view.put("srm", StatisticsJson.srm(segment.statistics().srm()));
		return view;
	}

	/**
	 * The variants with their statistics; with a breakdown, each treatment's p-value
	 * adjusted across segments (first treatment first), else null.
	 */
	private static List<Map<String, Object>> variants(ExperimentSnapshot experiment, List<VariantTally> tallies,
			ExperimentStatistics statistics, double[] acrossSegments) {
		VariantTally control = tallies.get(0);
		List<Map<String, Object>> variants = new ArrayList<>();
		for (VariantSnapshot variant : experiment.variants()) {
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
				Map<String, Object> treatment = StatisticsJson.treatment(statistics, variant.index());
				if (acrossSegments != null) {
					treatment.put("p_value_segments_adjusted",
							StatisticsJson.pValue(acrossSegments[variant.index() - 1]));
				}
				view.put("statistics", treatment);
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
