package dev.uplift.experiment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import dev.uplift.web.ApiTime;

/**
 * The JSON shapes of experiments and goals (docs/mida-v2-api.md §4.2, §4.7), snake_case,
 * {@code success} first.
 */
final class ExperimentViews {

	private ExperimentViews() {
	}

	static Map<String, Object> success() {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("success", true);
		return view;
	}

	/**
	 * A page of a list: {@code success}, {@code company_id}, {@code count} and the items
	 * under their name.
	 */
	static Map<String, Object> page(long companyId, String name, List<Map<String, Object>> items) {
		Map<String, Object> view = success();
		view.put("company_id", companyId);
		view.put("count", items.size());
		view.put(name, items);
		return view;
	}

	static Map<String, Object> listItem(Experiment experiment) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("test_id", experiment.id());
		view.put("test_name", experiment.name());
		view.put("url", experiment.url());
		view.put("status", experiment.status().code());
		view.put("is_completed", experiment.completed() ? 1 : 0);
		view.put("created_at", ApiTime.format(experiment.createdAt()));
		view.put("updated_at", ApiTime.format(experiment.updatedAt()));
		view.put("serving_variant_id", null);
		view.put("is_deploy", 0);
		view.put("experiment_key", experiment.key());
		view.put("hash_seed", experiment.hashSeed());
		view.put("hash_version", experiment.hashVersion());
		return view;
	}

	static Map<String, Object> details(ExperimentDetails details) {
		Experiment experiment = details.experiment();
		Map<String, Object> view = listItem(experiment);
		view.put("end_date", ApiTime.format(experiment.endedAt()));
		view.put("goal_profile_id", details.primaryGoal().map(Goal::id).orElse(null));
		view.put("custom_js", experiment.customJs());
		view.put("custom_css", experiment.customCss());
		view.put("variants", details.variants().stream().map(ExperimentViews::variant).toList());
		view.put("configuration", configuration(experiment.settings(), details.variants()));
		view.put("page_urls", experiment.pageRules().rules());
		view.put("targeting", experiment.targeting().rules());
		view.put("primary_goal", details.primaryGoal().map(ExperimentViews::goal).orElse(null));
		view.put("secondary_goals", details.secondaryGoals().stream().map(ExperimentViews::goal).toList());
		return view;
	}

	private static Map<String, Object> variant(Variant variant) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("variant_id", variant.index());
		view.put("name", variant.name());
		view.put("nickname", variant.nickname());
		view.put("weight", number(variant.weight()));
		view.put("customCSS", variant.customCss());
		view.put("customJS", variant.customJs());
		view.put("data", JsonMapper.shared().readTree(variant.data()));
		return view;
	}

	private static Map<String, Object> configuration(Settings settings, List<Variant> variants) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("traffic_allocation", number(settings.trafficAllocation()));
		view.put("confidence_interval", settings.confidenceInterval());
		view.put("weights", variants.stream().map((variant) -> number(variant.weight())).toList());
		view.put("bayesian", settings.bayesian() ? 1 : 0);
		view.put("sequential", settings.sequential() ? 1 : 0);
		view.put("prior_mean", settings.priorMean());
		view.put("prior_variance", settings.priorVariance());
		return view;
	}

	/** A goal in the shape of Get Goal Details, also used inside experiments. */
	static Map<String, Object> goal(Goal goal) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("goal_profile_id", goal.id());
		view.put("goal_key", goal.key());
		view.put("goal_name", goal.name());
		view.put("goal_type", goal.type());
		view.put("goal_value", goal.value());
		view.put("goal_purpose", goal.purpose());
		view.put("element_url", goal.elementUrl());
		view.put("status", goal.status());
		view.put("created_at", ApiTime.format(goal.createdAt()));
		view.put("updated_at", ApiTime.format(goal.updatedAt()));
		return view;
	}

	/**
	 * The configured split in percent of the weights, Control first (Get Experiment
	 * Distribution).
	 */
	static Map<String, Object> distribution(ExperimentDetails details) {
		Experiment experiment = details.experiment();
		double total = details.variants().stream().mapToDouble(Variant::weight).sum();
		boolean equal = details.variants().stream().mapToDouble(Variant::weight).distinct().count() <= 1;
		Map<String, Object> view = success();
		view.put("test_id", experiment.id());
		view.put("test_name", experiment.name());
		view.put("status", experiment.status().label());
		view.put("traffic_allocation", number(experiment.settings().trafficAllocation()));
		view.put("distribution_mode", equal ? "equal" : "custom");
		view.put("is_mab", false);
		view.put("variants", details.variants().stream().map((variant) -> {
			Map<String, Object> arm = new LinkedHashMap<>();
			arm.put("variant_id", Integer.toString(variant.index()));
			arm.put("name", variant.snapshot().displayName());
			arm.put("nickname", variant.nickname());
			arm.put("traffic_weight", percent(variant.weight(), total));
			arm.put("variant_status", (variant.weight() > 0) ? "active" : "paused");
			return arm;
		}).toList());
		return view;
	}

	private static double percent(double weight, double total) {
		return (total > 0) ? BigDecimal.valueOf(weight * 100 / total).setScale(2, RoundingMode.HALF_UP).doubleValue()
				: 0;
	}

	// Whole numbers read as integers, as Mida writes them: 100 rather than 100.0.
	static Number number(double value) {
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? (Number) (long) value : value;
	}

}
